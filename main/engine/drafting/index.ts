/** Drafted replies: grounded templates without a model, LLM drafts with citations when one is loaded. */
export { bestEvidenceSentence } from './evidenceSentence.js';
export { llmDraft, type LlmDraftOptions } from './llmDraft.js';
export { buildDraftPrompt, HANDLER_INSTRUCTIONS, type DraftPromptInput } from './llmPrompt.js';
export { AI_DISCLOSURE, refundProcessedSentence, refundSubmittedSentence, templateDraft } from './templateDraft.js';
export { toolFacts, type ToolFacts } from './toolFacts.js';
export type { DraftCitation, DraftContext, DraftEvidence, DraftText, PendingAction, ToolOutcome } from './types.js';
