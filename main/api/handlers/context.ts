import type { Engine } from '../../engine/index.js';
import type { Method, Output, ParsedInput } from '../contract.js';

/** What every handler gets: the engine plus facts only the host knows. */
export interface HandlerContext {
  readonly engine: Engine;
  readonly appVersion: string;
}

export type Handler<M extends Method> = (ctx: HandlerContext, input: ParsedInput<M>) => Output<M> | Promise<Output<M>>;
export type HandlerTable<K extends Method> = { readonly [M in K]: Handler<M> };
