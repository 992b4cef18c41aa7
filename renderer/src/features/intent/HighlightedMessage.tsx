import type { ReactElement } from 'react';
import type { Output } from '../../../../main/api/contract.js';

type Entity = Output<'router.classify'>['entities'][number];

/** The customer's message with each entity marked at its exact span, labelled with its kind and value. */
export function HighlightedMessage({ text, entities }: { text: string; entities: readonly Entity[] }) {
  const parts: ReactElement[] = [];
  let at = 0;
  const ordered = [...entities].filter((e) => e.start >= 0 && e.end <= text.length).sort((a, b) => a.start - b.start);
  for (const [i, e] of ordered.entries()) {
    if (e.start < at) continue;
    if (e.start > at) parts.push(<span key={`t${i}`}>{text.slice(at, e.start)}</span>);
    parts.push(
      <mark key={`e${i}`} className={`entity entity-${e.kind}`} title={`${e.kind.replace(/_/g, ' ')}: ${e.value}`} data-testid="intent-entity" data-kind={e.kind}>
        {text.slice(e.start, e.end)}
      </mark>,
    );
    at = e.end;
  }
  if (at < text.length) parts.push(<span key="rest">{text.slice(at, 600)}{text.length > 600 ? '…' : ''}</span>);
  return <blockquote className="intent-message">{parts}</blockquote>;
}
