import type { ActionRecord } from '../actions/actionTypes.js';
import type { AssistResult } from '../assist/types.js';
import type { Customer } from '../commerce/types.js';
import { contextWindow } from '../conversations/contextWindow.js';
import { systemPrompt } from '../conversations/systemPrompt.js';
import type { ConversationSummary, Message } from '../conversations/types.js';
import { containsApology } from '../quality/toneCheck.js';
import type { VerifiedCustomer } from '../quality/types.js';
import type { DraftPromptInput } from './llmPrompt.js';
import type { DraftContext, DraftEvidence, PendingAction, ToolOutcome } from './types.js';

/** Everything a draft is written from, gathered by the DraftingService from the engine's state. */
export interface DraftSources {
  readonly companyName: string;
  readonly conversation: ConversationSummary;
  readonly messages: readonly Message[];
  readonly assist: AssistResult | null;
  /** The conversation's actions as they are now (an approval after the assist ran counts). */
  readonly actions: readonly ActionRecord[];
  /** The verified customer's own record, or null when the conversation is not verified. */
  readonly customer: Customer | null;
  readonly customerOrderIds: readonly string[];
  readonly aiDisclosure: boolean;
}

export interface DraftInputs {
  readonly context: DraftContext;
  readonly customer: VerifiedCustomer | null;
  readonly prompt: DraftPromptInput;
  /** The customer message answered (the latest one). */
  readonly messageId: string | null;
}

function toolOutcomes(actions: readonly ActionRecord[]): ToolOutcome[] {
  const outcomes: ToolOutcome[] = [];
  for (const action of [...actions].sort((a, b) => a.createdAt - b.createdAt)) {
    if (action.status === 'succeeded') outcomes.push({ tool: action.tool, ok: true, result: action.result });
    else if (action.status === 'failed' && action.error) outcomes.push({ tool: action.tool, ok: false, error: { code: action.error.code, message: action.error.message } });
  }
  return outcomes;
}

/** A held card (unclear items or amount, a repeated or withdrawn request) is not offered to the customer. */
function pendingActions(actions: readonly ActionRecord[]): PendingAction[] {
  return actions.flatMap((a): PendingAction[] =>
    a.status === 'proposed' && !a.proposal?.hold ? [{ tool: a.tool, args: a.args, status: 'awaiting_agent' }] : a.status === 'awaiting_supervisor' ? [{ tool: a.tool, args: a.args, status: 'awaiting_supervisor' }] : [],
  );
}

function evidenceOf(assist: AssistResult | null): DraftEvidence[] {
  return (assist?.evidence ?? []).map((hit) => ({
    citationId: `chunk:${hit.chunkId}`,
    title: hit.citation.documentTitle,
    section: hit.citation.section,
    text: hit.text,
  }));
}

/**
 * Maps the latest assist result and the conversation onto what drafting and the quality gate read.
 * Only the verified customer's own details are allowed into a draft; an unverified conversation has
 * none, so any personal data in a draft is flagged.
 */
export function draftInputs(sources: DraftSources): DraftInputs {
  const { conversation, messages, customer } = sources;
  const customerMessages = messages.filter((m) => m.role === 'customer');
  const agentMessages = messages.filter((m) => m.role === 'agent');
  const latestCustomer = customerMessages.at(-1) ?? null;
  const intent = sources.assist?.routing?.intent ?? 'other';
  const verifiedCustomer: VerifiedCustomer | null =
    conversation.verified && customer
      ? {
          firstName: customer.firstName,
          lastName: customer.lastName,
          emails: [customer.email],
          addresses: [customer.address.address1, customer.address.address2].filter((line) => line.trim().length > 0),
          orderIds: sources.customerOrderIds,
        }
      : null;
  const context: DraftContext = {
    intent,
    customerFirstName: conversation.verified ? (customer?.firstName ?? conversation.customerName?.split(/\s+/)[0] ?? null) : null,
    ...(latestCustomer ? { customerMessage: latestCustomer.content } : {}),
    toolResults: toolOutcomes(sources.actions),
    evidence: evidenceOf(sources.assist),
    pendingActions: pendingActions(sources.actions),
    aiDisclosure: sources.aiDisclosure,
    firstReply: agentMessages.length === 0,
    apologizedAlready: agentMessages.some((m) => containsApology(m.content)),
  };
  const actionsTaken = sources.actions
    .filter((a) => a.status === 'succeeded' || a.status === 'awaiting_supervisor')
    .map((a) => `${a.tool}${a.status === 'awaiting_supervisor' ? ' (awaiting a supervisor)' : ''}`);
  const window = contextWindow(messages).filter((m): m is Message & { role: 'customer' | 'agent' } => m.role === 'customer' || m.role === 'agent');
  const prompt: DraftPromptInput = {
    systemPrompt: systemPrompt({
      companyName: sources.companyName,
      customerName: conversation.verified ? (customer ? `${customer.firstName} ${customer.lastName}` : conversation.customerName) : null,
      verified: conversation.verified,
      accountStatus: null,
      intent: sources.assist?.routing?.intent ?? null,
      actionsTaken,
    }),
    history: window.map((m) => ({ role: m.role, content: m.content })),
    context,
  };
  return { context, customer: verifiedCustomer, prompt, messageId: latestCustomer?.id ?? null };
}
