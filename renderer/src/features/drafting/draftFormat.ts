import type { Output } from '../../../../main/api/contract.js';

export type DraftView = NonNullable<Output<'draft.get'>>;
export type GateReportView = Output<'draft.check'>;
export type FindingView = GateReportView['findings'][number];
export type CitationView = DraftView['citations'][number];

/** A piece of draft text: plain, a citation marker, or a stretch a finding points at. */
export type Segment =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'marker'; readonly marker: number; readonly text: string }
  | { readonly kind: 'finding'; readonly text: string; readonly index: number; readonly severity: FindingView['severity'] };

/**
 * Splits the text for display: finding spans become highlighted stretches (the first finding wins
 * where two overlap) and [n] markers outside them become citation chips.
 */
export function segmentsOf(text: string, findings: readonly FindingView[]): Segment[] {
  const spans = findings
    .map((f, index) => ({ start: Math.max(0, f.start), end: Math.min(text.length, f.end), index, severity: f.severity }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const segments: Segment[] = [];
  const pushPlain = (chunk: string): void => {
    let last = 0;
    for (const m of chunk.matchAll(/\[(\d+)\]/g)) {
      if (m.index > last) segments.push({ kind: 'text', text: chunk.slice(last, m.index) });
      segments.push({ kind: 'marker', marker: Number(m[1]), text: m[0] });
      last = m.index + m[0].length;
    }
    if (last < chunk.length) segments.push({ kind: 'text', text: chunk.slice(last) });
  };
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue;
    pushPlain(text.slice(at, span.start));
    segments.push({ kind: 'finding', text: text.slice(span.start, span.end), index: span.index, severity: span.severity });
    at = span.end;
  }
  pushPlain(text.slice(at));
  return segments;
}

export function citationLabel(citation: CitationView): string {
  if (citation.kind === 'tool') return `${citation.title} — tool result`;
  const section = citation.section && !citation.title.endsWith(citation.section) ? ` — ${citation.section}` : '';
  return `${citation.title}${section}`;
}

export function outcomeLabel(draft: DraftView): string {
  if (draft.status === 'discarded') return 'Discarded';
  if (draft.status === 'superseded') return draft.outcome === 'regenerated' ? 'Regenerated' : 'Replaced by a newer draft';
  if (draft.status !== 'sent') return '';
  const how = draft.outcome === 'accepted' ? 'Sent as is' : `Sent after editing (${draft.editDistance ?? 0} characters changed)`;
  const when = draft.timeToSendMs === null ? '' : ` · ${(draft.timeToSendMs / 1000).toFixed(1)} s after it was ready`;
  return `${how}${when}${draft.override ? ' · sent with an override' : ''}`;
}

export const FINDING_LABELS: Readonly<Record<FindingView['kind'], string>> = {
  pii: 'Personal data',
  other_customer: 'Another customer',
  apology: 'Apology',
  unsupported_amount: 'Unverified amount',
  unsupported_claim: 'Unverified claim',
  tone: 'Tone',
  ai_disclosure: 'AI disclosure',
};
