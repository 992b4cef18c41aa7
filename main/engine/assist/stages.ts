import type { ActionRecord } from '../actions/actionTypes.js';
import type { ToolOutcome } from '../escalation/types.js';
import type { SearchResult } from '../knowledge/types.js';
import type { RoutingResult } from '../router/types.js';

export interface RetrievalRun {
  complete(intent: string | null): Promise<SearchResult>;
}

export interface RouteRequest {
  readonly conversationId: string;
  readonly messageId: string;
  readonly text: string;
  /** Earlier customer messages, oldest first, for short or elliptical messages. */
  readonly history: readonly string[];
}

/**
 * The pipeline's view of the other engine services. The engine wires the real router, knowledge base
 * and action engine in; tests and benchmarks can wire fakes or baselines. Each stage may be absent
 * (a workspace without a knowledge base still routes and proposes).
 */
export interface AssistStages {
  route?(request: RouteRequest): Promise<RoutingResult>;
  /**
   * Asks the embedder now for what routing this message will need beyond the message itself (an
   * elliptical message's reading with its history), so it shares the worker's call with retrieval's
   * embedding instead of waiting for one of its own after it.
   */
  prefetchRoute?(request: Omit<RouteRequest, 'messageId'>): void;
  /**
   * Starts retrieval for a message before it is routed (the embedding goes to the worker, lexical
   * search runs at once); `complete` finishes it with the routed intent's category filter.
   */
  retrieve?(query: string): RetrievalRun;
  proposeActions?(conversationId: string, routing: RoutingResult | null, latestCustomerText: string): Promise<readonly ActionRecord[]>;
  toolOutcomes?(conversationId: string): readonly ToolOutcome[];
  /** Paid total of an order, in cents, for the billing-dispute trigger; null when unknown. */
  orderTotalCents?(orderId: string): number | null;
}
