import { toolFacts } from '../drafting/toolFacts.js';
import type { DraftContext } from '../drafting/types.js';
import { runQualityGate } from './qualityGate.js';
import type { FindingKind, GateInput, VerifiedCustomer } from './types.js';

/** A labelled draft set: scenarios (customer + tool results + evidence) and drafts with the kinds expected. */
export interface LabelledDrafts {
  readonly scenarios: Readonly<Record<string, { customer: VerifiedCustomer | null; context: DraftContext }>>;
  readonly drafts: readonly { scenario: string; draft: string; expected: readonly FindingKind[] }[];
}

export interface CheckScore {
  readonly kind: FindingKind;
  readonly positives: number;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly precision: number;
  readonly recall: number;
}

export interface GateEvaluation {
  readonly drafts: number;
  readonly checks: readonly CheckScore[];
  /** Drafts whose predicted kinds differ from the labels, for reading the misses. */
  readonly mismatches: readonly { draft: string; expected: readonly FindingKind[]; found: readonly FindingKind[] }[];
  readonly meanGateMs: number;
  readonly p95GateMs: number;
}

export const FINDING_KINDS: readonly FindingKind[] = ['pii', 'other_customer', 'apology', 'unsupported_amount', 'unsupported_claim', 'tone', 'ai_disclosure'];

export function gateInputFor(scenario: { customer: VerifiedCustomer | null; context: DraftContext }, draft: string): GateInput {
  const { context } = scenario;
  return {
    draft,
    customer: scenario.customer,
    facts: toolFacts(context),
    evidenceTexts: context.evidence.map((e) => e.text),
    apologizedAlready: context.apologizedAlready,
    disclosureRequired: context.aiDisclosure && context.firstReply !== false,
  };
}

/** Scores each check as a per-draft detector: a draft is positive for a kind if any finding has it. */
export function evaluateGate(set: LabelledDrafts, repeats = 1): GateEvaluation {
  const counts = new Map(FINDING_KINDS.map((k) => [k, { positives: 0, tp: 0, fp: 0 }]));
  const mismatches: GateEvaluation['mismatches'][number][] = [];
  const times: number[] = [];
  for (const item of set.drafts) {
    const scenario = set.scenarios[item.scenario];
    if (!scenario) throw new Error(`unknown scenario ${item.scenario}`);
    const input = gateInputFor(scenario, item.draft);
    let report = runQualityGate(input);
    for (let r = 0; r < repeats; r++) {
      const started = performance.now();
      report = runQualityGate(input);
      times.push(performance.now() - started);
    }
    const found = [...new Set(report.findings.map((f) => f.kind))].sort();
    for (const kind of FINDING_KINDS) {
      const c = counts.get(kind)!;
      const expected = item.expected.includes(kind);
      const predicted = found.includes(kind);
      if (expected) c.positives++;
      if (expected && predicted) c.tp++;
      if (!expected && predicted) c.fp++;
    }
    if (found.join() !== [...item.expected].sort().join()) mismatches.push({ draft: item.draft, expected: item.expected, found });
  }
  times.sort((a, b) => a - b);
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    drafts: set.drafts.length,
    checks: FINDING_KINDS.map((kind) => {
      const c = counts.get(kind)!;
      return {
        kind,
        positives: c.positives,
        truePositives: c.tp,
        falsePositives: c.fp,
        precision: round(c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp)),
        recall: round(c.positives === 0 ? 1 : c.tp / c.positives),
      };
    }),
    mismatches,
    meanGateMs: round(times.reduce((a, b) => a + b, 0) / Math.max(1, times.length)),
    p95GateMs: round(times[Math.floor(times.length * 0.95)] ?? 0),
  };
}
