import type { ActionRecord } from './actions/actionTypes.js';
import type { AssistResult } from './assist/types.js';
import type { ConversationSummary, Message } from './conversations/types.js';
import type { DraftRecord } from './drafting/draftRecord.js';
import type { ModelStatus } from './drafting/modelHost.js';

/** Everything the engine announces. Hosts forward these to the UI over their event channel. */
export type EngineEvent =
  | { readonly type: 'conversation.created'; readonly conversation: ConversationSummary }
  | { readonly type: 'conversation.updated'; readonly conversation: ConversationSummary }
  | { readonly type: 'conversation.deleted'; readonly conversationId: string }
  | { readonly type: 'message.added'; readonly message: Message; readonly conversation: ConversationSummary }
  | { readonly type: 'assist.updated'; readonly conversationId: string; readonly result: AssistResult }
  | {
      /** An intent-model retrain finished; on failure the previous model (modelVersion) stays active. */
      readonly type: 'router.retrained';
      readonly workspaceId: string;
      readonly ok: boolean;
      readonly modelVersion: number | null;
      readonly message: string | null;
    }
  | { readonly type: 'action.updated'; readonly action: ActionRecord }
  /** A supervisor PIN was tried (right or wrong), or supervisors changed: lockouts and the roster may differ now. */
  | { readonly type: 'supervisors.changed' }
  | {
      /** A tool failed; `critical` makes it an escalation trigger ("tool error on critical action"). */
      readonly type: 'action.toolError';
      readonly conversationId: string;
      readonly actionId: string;
      readonly tool: string;
      readonly code: string;
      readonly message: string;
      readonly critical: boolean;
    }
  | { readonly type: 'draft.updated'; readonly conversationId: string; readonly draft: DraftRecord }
  | {
      /** Streamed LLM text for a generating draft, in batches (tens of ms), never one event per token; seq orders them. */
      readonly type: 'draft.tokens';
      readonly conversationId: string;
      readonly draftId: string;
      readonly seq: number;
      readonly text: string;
    }
  | { readonly type: 'models.status'; readonly status: ModelStatus }
  | {
      /** The workspace's database was replaced by a backup while Tandem ran; every open UI reloads its state. */
      readonly type: 'workspace.restored';
      readonly backupName: string;
      readonly restoredAt: number;
      /** File name of the database that was live before, kept next to tandem.db (null when there was none). */
      readonly previousDatabase: string | null;
      readonly conversations: number;
    }
  | {
      readonly type: 'progress';
      readonly taskId: string;
      readonly kind: string;
      readonly label: string;
      readonly done: number;
      readonly total: number;
      readonly finished: boolean;
      /** Named counters for richer progress bars (e.g. files, chunks, embeddings, etaSeconds). */
      readonly detail?: Readonly<Record<string, number>>;
    };

export type EngineEventListener = (event: EngineEvent) => void;

/** A tiny synchronous fan-out. A listener that throws is isolated so one bad subscriber cannot break others. */
export class EventBus {
  private readonly listeners = new Set<EngineEventListener>();

  subscribe(listener: EngineEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: EngineEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken subscriber (e.g. a closed socket) must not stop the engine or other subscribers.
      }
    }
  }
}
