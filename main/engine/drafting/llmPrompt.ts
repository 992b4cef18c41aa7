import type { ChatMessage } from '../../ml/llm/chatModel.js';
import { formatCents } from '../money.js';
import { toolFacts } from './toolFacts.js';
import type { DraftCitation, DraftContext } from './types.js';

/** What the reply must do for each intent (the seed's handlers, as instructions to the model). */
export const HANDLER_INSTRUCTIONS: Readonly<Record<string, string>> = {
  order_status: 'Tell the customer the order status and tracking number exactly as the order facts give them. If the customer is not verified, ask for their email, or name and zip code, and give no order details.',
  refund_request: 'Say whether the order is eligible, using the eligibility fact. Say a refund is processed only if a Refund fact says so; if it awaits a supervisor, say it has been submitted for approval. Give amounts exactly as the facts give them.',
  account_issue: 'Help with the account using only the account facts. Never reveal account details before the customer is verified.',
  product_question: 'Answer from the cited articles only; if they do not answer the question, say so and offer to find out.',
  complaint: 'Acknowledge the problem once, say what happens next (a ticket, if one was opened), and do not argue.',
  other: 'Answer from the cited articles only, or ask a clarifying question.',
};

export interface DraftPromptInput {
  /** The conversation manager's system prompt (guidelines + state). */
  readonly systemPrompt: string;
  /** The context window: customer and agent messages, oldest first. */
  readonly history: readonly { readonly role: 'customer' | 'agent'; readonly content: string }[];
  readonly context: DraftContext;
}

function describeResult(value: unknown): string {
  const json = JSON.stringify(value, (key, v: unknown) => (typeof v === 'number' && /cents$/i.test(key) ? formatCents(v) : v));
  return json.length > 1200 ? `${json.slice(0, 1200)}…` : json;
}

/**
 * Builds the chat messages for an LLM draft and the citation table its markers refer to: top-3
 * evidence as [1]..[3], then each tool result. Customer text goes in user turns, never in the
 * system prompt, so the chat template keeps it marked as the customer's words.
 */
export function buildDraftPrompt(input: DraftPromptInput): { messages: ChatMessage[]; citations: DraftCitation[] } {
  const { context } = input;
  const citations: DraftCitation[] = [];
  const sources: string[] = [];
  for (const evidence of context.evidence.slice(0, 3)) {
    const marker = citations.length + 1;
    citations.push({ marker, kind: 'evidence', citationId: evidence.citationId, title: evidence.title, section: evidence.section });
    sources.push(`[${marker}] ${evidence.title}${evidence.section ? ` — ${evidence.section}` : ''}: ${evidence.text.replace(/\s+/g, ' ').trim()}`);
  }
  for (const outcome of context.toolResults) {
    const marker = citations.length + 1;
    citations.push({ marker, kind: 'tool', tool: outcome.tool, title: outcome.tool });
    sources.push(`[${marker}] Tool ${outcome.tool}: ${outcome.ok ? describeResult(outcome.result) : `failed (${outcome.error.code}): ${outcome.error.message}`}`);
  }
  const facts = toolFacts(context);
  for (const pending of facts.refundsAwaitingApproval) {
    sources.push(`Pending: a refund of ${pending.amountCents === null ? 'an amount' : formatCents(pending.amountCents)} awaits a supervisor's approval (not processed).`);
  }

  const rules = [
    input.systemPrompt,
    '',
    `Task: write the agent's next reply. ${HANDLER_INSTRUCTIONS[context.intent] ?? HANDLER_INSTRUCTIONS.other}`,
    'Use only the facts in the sources below. After each sentence that uses a source, put its marker, like [1].',
    'Do not invent amounts, dates, order states, tracking numbers or ticket numbers.',
    context.apologizedAlready ? 'The conversation already contains an apology: do not apologise again.' : 'Apologise at most once.',
    context.aiDisclosure && context.firstReply !== false ? 'Mention once that this reply was prepared with the help of an AI assistant.' : '',
    context.customerFirstName ? `Address the customer as ${context.customerFirstName}.` : '',
    'Keep it under 120 words.',
    '',
    'Sources:',
    ...(sources.length ? sources : ['(none: ask a clarifying question or offer to escalate)']),
  ].filter((line, i, all) => line !== '' || all[i - 1] !== '');

  const messages: ChatMessage[] = [{ role: 'system', content: rules.join('\n') }];
  for (const message of input.history) {
    messages.push({ role: message.role === 'customer' ? 'user' : 'assistant', content: message.content });
  }
  if (messages.at(-1)?.role !== 'user') messages.push({ role: 'user', content: context.customerMessage ?? '(The customer is waiting for a reply.)' });
  return { messages, citations };
}
