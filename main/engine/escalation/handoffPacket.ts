import type { EscalationConfig } from './config.js';
import type { EscalationFlag, RoutedCustomerMessage, ToolOutcome } from './types.js';

export interface HandoffPacket {
  readonly conversationId: string;
  /** The queue that should take it, chosen by the latest intent through the workspace's map. */
  readonly queue: string;
  readonly summary: string;
  /** 'model': written by the loaded local model and checked against the conversation; otherwise quoted. */
  readonly summarySource: 'extractive' | 'model';
  /** Why a model summary was not used (timeout, invalid output, a fact not in the conversation); null otherwise. */
  readonly summaryNote: string | null;
  readonly customerSentiment: { readonly label: string; readonly score: number | null; readonly trend: readonly number[] };
  readonly attemptedResolutions: readonly { readonly tool: string; readonly ok: boolean; readonly detail: string }[];
  readonly reason: string;
  readonly flags: readonly EscalationFlag[];
  readonly customer: { readonly name: string | null; readonly ref: string | null; readonly verified: boolean };
  readonly createdAt: number;
}

export interface HandoffInput {
  readonly conversationId: string;
  readonly customer: HandoffPacket['customer'];
  readonly customerMessages: readonly RoutedCustomerMessage[];
  readonly toolOutcomes: readonly ToolOutcome[];
  readonly flags: readonly EscalationFlag[];
  /** When the agent escalates without a flag, their own reason. */
  readonly agentReason?: string;
  readonly now: number;
}

const MAX_SUMMARY_CHARS = 600;

/** The seed's handoff packet: queue, summary, customer sentiment, attempted resolutions, reason. */
export function buildHandoffPacket(input: HandoffInput, config: EscalationConfig): HandoffPacket {
  const latest = input.customerMessages.at(-1);
  const intent = [...input.customerMessages].reverse().find((m) => m.intent && m.intent !== 'other')?.intent ?? latest?.intent ?? null;
  const queue = (intent && config.queues[intent]) || config.defaultQueue;
  const reasons = input.flags.map((f) => f.reason);
  if (input.agentReason?.trim()) reasons.unshift(`Agent: ${input.agentReason.trim()}`);
  return {
    conversationId: input.conversationId,
    queue,
    summary: extractiveSummary(input.customerMessages, input.toolOutcomes),
    summarySource: 'extractive',
    summaryNote: null,
    customerSentiment: {
      label: latest?.sentimentLabel ?? 'unknown',
      score: latest?.sentimentScore ?? null,
      trend: input.customerMessages.map((m) => m.sentimentScore).filter((s): s is number => s !== null),
    },
    attemptedResolutions: attemptedResolutions(input.toolOutcomes),
    reason: reasons.length ? reasons.join(' ') : 'Escalated by the agent.',
    flags: input.flags,
    customer: input.customer,
    createdAt: input.now,
  };
}

/** One line per distinct outcome, with a count when the same thing happened several times. */
function attemptedResolutions(outcomes: readonly ToolOutcome[]): HandoffPacket['attemptedResolutions'] {
  const lines = new Map<string, { tool: string; ok: boolean; detail: string; count: number }>();
  for (const o of outcomes) {
    const detail = o.ok ? 'succeeded' : `failed: ${o.error ?? 'unknown error'}`;
    const key = `${o.tool}\u0000${detail}`;
    const line = lines.get(key);
    if (line) line.count += 1;
    else lines.set(key, { tool: o.tool, ok: o.ok, detail, count: 1 });
  }
  return [...lines.values()].map(({ count, ...line }) => ({ ...line, detail: count > 1 ? `${line.detail} (${count} times)` : line.detail }));
}

/**
 * Without a language model: the customer's opening request, their latest words if different, the
 * intents seen, and what was tried. Sentences are quoted, never paraphrased, so nothing is invented.
 */
export function extractiveSummary(messages: readonly RoutedCustomerMessage[], outcomes: readonly ToolOutcome[]): string {
  if (messages.length === 0) return 'No customer messages yet.';
  const first = firstSentences(messages[0]!.content, 2);
  const parts = [`Customer opened with: “${first}”`];
  const last = messages.at(-1)!;
  if (messages.length > 1) parts.push(`Latest: “${firstSentences(last.content, 1)}”`);
  const intents = [...new Set(messages.map((m) => m.intent).filter((i): i is string => !!i))];
  if (intents.length) parts.push(`Intents: ${intents.join(' → ')}.`);
  parts.push(`${messages.length} customer message${messages.length === 1 ? '' : 's'}.`);
  if (outcomes.length) {
    const failed = outcomes.filter((o) => !o.ok).length;
    parts.push(`${outcomes.length} action${outcomes.length === 1 ? '' : 's'} run${failed ? `, ${failed} failed` : ''}.`);
  }
  const summary = parts.join(' ');
  return summary.length > MAX_SUMMARY_CHARS ? `${summary.slice(0, MAX_SUMMARY_CHARS - 1)}…` : summary;
}

function firstSentences(text: string, count: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const sentences = flat.match(/[^.!?]+[.!?]*/g) ?? [flat];
  const picked = sentences.slice(0, count).join('').trim();
  return picked.length > 240 ? `${picked.slice(0, 239)}…` : picked;
}
