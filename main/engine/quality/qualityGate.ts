import { AI_DISCLOSURE } from '../drafting/templateDraft.js';
import { claimsCheck } from './claimsCheck.js';
import { piiCheck } from './piiCheck.js';
import { sentenceSpans } from './sentences.js';
import { apologyCheck, disclosureCheck, toneCheck } from './toneCheck.js';
import type { Finding, FindingFix, GateInput, GateReport } from './types.js';

/**
 * The quality gate every draft passes before the agent sees it as ready, template or LLM alike.
 * Checks are deterministic and read the structured tool results; they run in well under a millisecond
 * per draft, so the gate also re-runs on every edit.
 */
export function runQualityGate(input: GateInput): GateReport {
  const spans = sentenceSpans(input.draft);
  const findings: Finding[] = [
    ...piiCheck(input),
    ...claimsCheck(input, spans),
    ...apologyCheck(input, spans),
    ...toneCheck(input, spans),
    ...disclosureCheck(input, AI_DISCLOSURE),
  ].sort((a, b) => a.start - b.start || a.end - b.end);
  return { findings, blocking: findings.some((f) => f.severity === 'blocking') };
}

/** Applies one finding's fix; the caller re-runs the gate on the result (offsets of other findings move). */
export function applyFix(text: string, fix: FindingFix): string {
  if (fix.kind === 'insert') return text.slice(0, fix.at) + fix.text + text.slice(fix.at);
  if (fix.start < 0 || fix.end > text.length || fix.start > fix.end) throw new RangeError('The fix does not fit this text; re-run the quality gate.');
  const replacement = fix.kind === 'replace' ? fix.replacement : '';
  return (text.slice(0, fix.start) + replacement + text.slice(fix.end)).replace(/[ \t]+\n/g, '\n').trimEnd();
}
