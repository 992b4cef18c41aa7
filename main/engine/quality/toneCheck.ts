import { removalOf, type Span } from './sentences.js';
import type { Finding, GateInput } from './types.js';

const APOLOGY = /\b(?:sorry|apologi[sz]e[sd]?|apologies|my bad|regret (?:the|any|that))\b/i;
const BLAME =
  /\b(?:you should have|you shouldn't have|you failed to|your (?:own )?fault|you didn't (?:read|follow|check)|you did not (?:read|follow|check)|as (?:i|we) (?:already )?(?:said|told you|explained)|if you had (?:read|followed|checked)|user error)\b/i;
const SARCASM = /\b(?:thanks a lot|good luck with that|oh great|obviously|clearly you|congratulations on|as everyone knows|surprise,? surprise|nice try)\b/i;
const SHOUTING = /\b[A-Z]{5,}\b(?:\s+\b[A-Z]{3,}\b){2,}/;
/** Past this a reply stops being concise; measured on the seed's example replies (all under 700). */
const MAX_CHARACTERS = 1200;

/** Whether a message apologises: drafting reads the agent's earlier messages with the same rule as the gate. */
export function containsApology(text: string): boolean {
  return APOLOGY.test(text);
}

const DISCLOSURE = /\b(?:AI|A\.I\.|artificial intelligence|automated assistant|virtual assistant)\b/;

export function apologyCheck(input: GateInput, spans: readonly Span[]): Finding[] {
  const findings: Finding[] = [];
  let allowed = input.apologizedAlready ? 0 : 1;
  for (const span of spans) {
    if (!APOLOGY.test(span.text)) continue;
    if (allowed > 0) {
      allowed--;
      continue;
    }
    const { start, end } = removalOf(input.draft, span);
    findings.push({
      kind: 'apology',
      severity: 'warning',
      start: span.start,
      end: span.end,
      message: input.apologizedAlready ? 'The conversation already has an apology; apologise once at most.' : 'A second apology in one reply; apologise once at most.',
      fix: { kind: 'remove', start, end, label: 'Remove this apology' },
    });
  }
  return findings;
}

export function toneCheck(input: GateInput, spans: readonly Span[]): Finding[] {
  const findings: Finding[] = [];
  for (const span of spans) {
    const problem = BLAME.test(span.text) ? 'This sentence blames the customer.' : SARCASM.test(span.text) ? 'This sentence may read as sarcastic.' : SHOUTING.test(span.text) ? 'Capital letters read as shouting.' : null;
    if (!problem) continue;
    const { start, end } = removalOf(input.draft, span);
    findings.push({ kind: 'tone', severity: 'warning', start: span.start, end: span.end, message: problem, fix: { kind: 'remove', start, end, label: 'Remove this sentence' } });
  }
  if (input.draft.length > MAX_CHARACTERS) {
    const last = spans.at(-1);
    const start = last ? last.start : 0;
    findings.push({
      kind: 'tone',
      severity: 'warning',
      start: 0,
      end: input.draft.length,
      message: `The reply is ${input.draft.length} characters; keep it under ${MAX_CHARACTERS} so it stays concise.`,
      fix: { kind: 'remove', start, end: input.draft.length, label: 'Remove the last sentence' },
    });
  }
  return findings;
}

export function disclosureCheck(input: GateInput, disclosureSentence: string): Finding[] {
  if (!input.disclosureRequired || DISCLOSURE.test(input.draft)) return [];
  const at = input.draft.length;
  return [
    {
      kind: 'ai_disclosure',
      severity: 'blocking',
      start: at,
      end: at,
      message: 'This workspace tells customers that replies are prepared with AI help; the first reply must say so.',
      fix: { kind: 'insert', at, text: `\n\n${disclosureSentence}`, label: 'Add the AI disclosure' },
    },
  ];
}
