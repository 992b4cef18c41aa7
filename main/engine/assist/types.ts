import type { ActionRecord } from '../actions/actionTypes.js';
import type { EscalationFlag } from '../escalation/types.js';
import type { SearchHit, SearchResult } from '../knowledge/types.js';
import type { RoutingResult } from '../router/types.js';

export type AssistStage = 'route' | 'retrieve' | 'actions' | 'escalation';

/** What the agent sees beside one customer message: the structured part of the pipeline. */
export interface AssistResult {
  readonly conversationId: string;
  readonly messageId: string;
  readonly messageSeq: number;
  readonly routing: RoutingResult | null;
  /** Top evidence with citations (at most 3). */
  readonly evidence: readonly SearchHit[];
  readonly retrieval: Pick<SearchResult, 'categories' | 'filterFellBack' | 'mode'> | null;
  readonly actions: readonly ActionRecord[];
  readonly flags: readonly EscalationFlag[];
  /** Milliseconds per stage and in total, as measured for this message. */
  readonly timings: Readonly<Record<AssistStage | 'total', number>>;
  /** A stage that failed does not stop the others; the agent sees which one and why. */
  readonly stageErrors: readonly { readonly stage: AssistStage; readonly message: string }[];
  readonly createdAt: number;
}
