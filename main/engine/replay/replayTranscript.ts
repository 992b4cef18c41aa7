import type { ActionRecord } from '../actions/actionTypes.js';
import type { AssistResult } from '../assist/types.js';
import type { DraftRecord } from '../drafting/draftRecord.js';
import type { Engine } from '../engine.js';
import type { Message } from '../conversations/types.js';
import type { Transcript } from './transcript.js';

export interface ReplayStep {
  readonly index: number;
  readonly message: Message;
  /** The assist result for a customer message; null for agent messages. */
  readonly assist: AssistResult | null;
  /** The conversation's action cards after this message. */
  readonly actions: readonly ActionRecord[];
  /** The reply drafted for a customer message (when asked for with `drafts`); null otherwise. */
  readonly draft: DraftRecord | null;
}

export interface ReplayOptions {
  /** Pause between messages, so a person can watch the assist react (the UI replay uses this). */
  readonly delayMs?: number;
  readonly signal?: AbortSignal;
  readonly onStep?: (step: ReplayStep) => void;
  /** Called once the conversation exists, before the first message. */
  readonly onCreated?: (conversationId: string) => void;
  /** Draft a reply after each customer message, as the agent would ask for one. */
  readonly drafts?: boolean;
}

/**
 * Plays a transcript message by message through the real pipeline. The customer block, when present,
 * is looked up in the commerce backend and confirmed before the first message, as an agent would.
 */
export async function replayTranscript(engine: Engine, transcript: Transcript, options: ReplayOptions = {}): Promise<{ conversationId: string; steps: ReplayStep[] }> {
  const customer = transcript.customer;
  const customerRef = customer?.email ?? (customer ? `${customer.first_name} ${customer.last_name}` : undefined);
  const conversation = engine.conversations.create({
    ...(customerRef ? { customerRef } : {}),
    subject: transcript.title ?? 'Replayed conversation',
    channel: 'replay',
  });
  options.onCreated?.(conversation.id);
  if (customer) {
    const lookup = customer.email ? { email: customer.email } : { firstName: customer.first_name!, lastName: customer.last_name!, zip: customer.zip! };
    const candidate = await engine.actions.verification.lookup(conversation.id, lookup, 'replay');
    if (candidate) await engine.actions.verification.confirm(conversation.id, lookup, candidate.customerId, 'replay');
  }
  const steps: ReplayStep[] = [];
  for (const [index, scripted] of transcript.messages.entries()) {
    if (options.signal?.aborted) break;
    if (index > 0 && options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    const message = engine.conversations.send(conversation.id, scripted.role, scripted.content);
    const assist = scripted.role === 'customer' ? await engine.assist.assistMessage(conversation.id, message.id) : null;
    const draft = options.drafts && scripted.role === 'customer' && engine.drafting ? await settledDraft(engine, conversation.id) : null;
    const step = { index, message, assist, actions: engine.actions.service.list(conversation.id), draft };
    steps.push(step);
    options.onStep?.(step);
  }
  return { conversationId: conversation.id, steps };
}

async function settledDraft(engine: Engine, conversationId: string): Promise<DraftRecord> {
  const drafting = engine.drafting!;
  return drafting.settled((await drafting.generate(conversationId)).id);
}

/**
 * The line `tandem replay --json` prints per message. `actions` are the conversation's cards with their
 * arguments exactly as they would run (money as amount_cents) and, when held, why; `draft` is the reply
 * drafted for a customer message, with the quality gate's findings.
 */
export function replayLine(step: ReplayStep): Record<string, unknown> {
  const routing = step.assist?.routing ?? null;
  return {
    index: step.index,
    role: step.message.role,
    intent: routing?.intent ?? null,
    confidence: routing?.confidence ?? null,
    sentiment: routing ? { score: routing.sentiment.score, label: routing.sentiment.label } : null,
    flags: (step.assist?.flags ?? []).map((f) => ({ trigger: f.trigger, priority: f.priority, reason: f.reason })),
    actions: step.actions.map((a) => ({ tool: a.tool, args: a.args, status: a.status, ...(a.proposal?.hold ? { hold: a.proposal.hold.code } : {}) })),
    draft: step.draft ? { text: step.draft.text, source: step.draft.source, findings: step.draft.findings.map((f) => ({ kind: f.kind, severity: f.severity })) } : null,
  };
}
