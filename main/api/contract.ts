import type { z } from 'zod';
import type { EngineEvent } from '../engine/events.js';
import { actionMethods } from './methods/actions.js';
import { appMethods } from './methods/app.js';
import { assistMethods } from './methods/assist.js';
import { conversationMethods } from './methods/conversation.js';
import { dataSafetyMethods } from './methods/dataSafety.js';
import { draftingMethods } from './methods/drafting.js';
import { replayMethods } from './methods/replay.js';
import { knowledgeMethods } from './methods/knowledge.js';
import { metricsMethods } from './methods/metrics.js';
import { routerMethods } from './methods/router.js';

export type { Result, ApiError } from './result.js';
export type { ErrorCode } from '../engine/errors.js';
/** Engine value types the UI renders, re-exported so the renderer depends on the contract alone. */
export type { AssistantMetrics, MetricTile, TimeseriesPoint } from '../engine/metrics/types.js';
export type { HeadlineMetric, MetricTarget } from '../engine/metrics/targets.js';

/**
 * The one contract. Every capability the UI, a connector, the CLI or a test can reach is a method here,
 * with a validated input and output. Transports (IPC, HTTP, direct) are generic over this table.
 * Adding a capability: a schema in methods/, a handler in handlers/, and nothing else.
 */
export const contract = {
  ...actionMethods,
  ...appMethods,
  ...assistMethods,
  ...conversationMethods,
  ...dataSafetyMethods,
  ...draftingMethods,
  ...knowledgeMethods,
  ...metricsMethods,
  ...replayMethods,
  ...routerMethods,
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = z.output<Contract[M]['output']>;

/** Events pushed to every connected UI. */
export type ApiEvent = EngineEvent;

export const METHODS = Object.keys(contract) as Method[];

export function isMethod(name: string): name is Method {
  return Object.hasOwn(contract, name);
}
