import type { ChatModel } from '../../ml/llm/chatModel.js';
import { buildDraftPrompt, type DraftPromptInput } from './llmPrompt.js';
import type { DraftText } from './types.js';

export interface LlmDraftOptions {
  readonly onToken?: (text: string) => void;
  readonly signal?: AbortSignal;
  /** Length cap: a reply of ~120 words fits comfortably. */
  readonly maxTokens?: number;
  readonly timeoutMs?: number;
}

/** Streams an LLM draft; citations keep only the markers the text actually uses. */
export async function llmDraft(model: ChatModel, input: DraftPromptInput, options: LlmDraftOptions = {}): Promise<DraftText & { stopReason: string; firstTokenMs: number | null; promptTokens: number; tokens: number }> {
  const { messages, citations } = buildDraftPrompt(input);
  const result = await model.generate(messages, {
    onToken: options.onToken,
    signal: options.signal,
    maxTokens: options.maxTokens ?? 320,
    timeoutMs: options.timeoutMs ?? 60_000,
    temperature: 0.3,
  });
  const used = new Set([...result.text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
  return {
    text: result.text.trim(),
    citations: citations.filter((c) => used.has(c.marker)),
    source: 'llm',
    stopReason: result.stopReason,
    firstTokenMs: result.firstTokenMs,
    promptTokens: result.promptTokens,
    tokens: result.tokens,
  };
}
