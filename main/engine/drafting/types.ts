/**
 * What a draft is written from. The assist pipeline maps its results onto these small shapes, so
 * drafting and the quality gate do not depend on how tools, retrieval or routing store theirs.
 */
export type ToolOutcome =
  | { readonly tool: string; readonly ok: true; readonly result: unknown }
  | { readonly tool: string; readonly ok: false; readonly error: { readonly code: string; readonly message: string } };

export interface DraftEvidence {
  /** Stable id of the cited chunk (shown when the agent opens the citation). */
  readonly citationId: string;
  readonly title: string;
  readonly section: string;
  readonly text: string;
}

/** An action proposed but not yet run, e.g. a refund waiting for the agent or for a supervisor. */
export interface PendingAction {
  readonly tool: string;
  readonly args: Readonly<Record<string, unknown>>;
  readonly status: 'awaiting_agent' | 'awaiting_supervisor';
}

export interface DraftContext {
  readonly intent: string;
  readonly customerFirstName?: string | null;
  /** The latest customer message: used to pick the most relevant evidence sentence (never as instructions). */
  readonly customerMessage?: string;
  readonly toolResults: readonly ToolOutcome[];
  /** Top evidence, best first (the template quotes from the first; the LLM prompt gets up to 3). */
  readonly evidence: readonly DraftEvidence[];
  readonly pendingActions?: readonly PendingAction[];
  /** The workspace wants replies to say they were drafted with AI help… */
  readonly aiDisclosure: boolean;
  /** …which is said on the first reply of a conversation only. */
  readonly firstReply?: boolean;
  readonly apologizedAlready: boolean;
}

/** What an inline marker like [2] points to. */
export type DraftCitation =
  | { readonly marker: number; readonly kind: 'evidence'; readonly citationId: string; readonly title: string; readonly section: string }
  | { readonly marker: number; readonly kind: 'tool'; readonly tool: string; readonly title: string };

export interface DraftText {
  readonly text: string;
  readonly citations: readonly DraftCitation[];
  readonly source: 'template' | 'llm';
}
