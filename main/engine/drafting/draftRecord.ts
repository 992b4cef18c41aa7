import type { Finding } from '../quality/types.js';
import type { DraftCitation } from './types.js';

/**
 * generating → ready → sent | discarded; a ready draft replaced by newer facts or by Regenerate is
 * superseded (Regenerate also records the outcome 'regenerated' so it counts against acceptance).
 */
export type DraftStatus = 'generating' | 'ready' | 'sent' | 'discarded' | 'superseded';
export type DraftOutcome = 'accepted' | 'edited' | 'discarded' | 'regenerated';

/** One drafted reply as the Draft section shows it and metrics count it. */
export interface DraftRecord {
  readonly id: string;
  readonly conversationId: string;
  /** The customer message this draft answers (null when the conversation has none yet). */
  readonly messageId: string | null;
  readonly source: 'template' | 'llm';
  readonly status: DraftStatus;
  /** The text as generated; edit distance on send is measured from here, so one-click fixes count as edits. */
  readonly originalText: string;
  /** The text now: as generated, plus any one-click fixes. */
  readonly text: string;
  readonly citations: readonly DraftCitation[];
  readonly findings: readonly Finding[];
  readonly blocking: boolean;
  readonly outcome: DraftOutcome | null;
  readonly editDistance: number | null;
  readonly timeToSendMs: number | null;
  /** Sent although a blocking finding was open: the agent's explicit override. */
  readonly override: boolean;
  readonly sentMessageId: string | null;
  /** The model that wrote it (LLM drafts). */
  readonly model: string | null;
  /** Why an LLM draft fell back to the template (timeout, empty or runaway output, model error). */
  readonly fallbackReason: string | null;
  readonly createdAt: number;
  readonly readyAt: number | null;
  readonly sentAt: number | null;
}
