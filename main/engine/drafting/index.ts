/** Drafted replies: grounded templates without a model, LLM drafts with citations when one is loaded. */
export { bestEvidenceSentence } from './evidenceSentence.js';
export { llmDraft, type LlmDraftOptions } from './llmDraft.js';
export { buildDraftPrompt, HANDLER_INSTRUCTIONS, type DraftPromptInput } from './llmPrompt.js';
export { AI_DISCLOSURE, refundProcessedSentence, refundSubmittedSentence, templateDraft } from './templateDraft.js';
export { toolFacts, type ToolFacts } from './toolFacts.js';
export type { DraftCitation, DraftContext, DraftEvidence, DraftText, PendingAction, ToolOutcome } from './types.js';
export { DraftingService, AI_DISCLOSURE_SETTING, usableLlmText, type DraftingDeps, type DraftingOptions, type SendDraft } from './draftingService.js';
export { draftInputs, type DraftInputs, type DraftSources } from './draftInputs.js';
export type { DraftOutcome, DraftRecord, DraftStatus } from './draftRecord.js';
export { DraftRepository } from './draftRepository.js';
export { editDistance } from './editDistance.js';
export type { ModelHost, ModelListing, ModelStatus } from './modelHost.js';
