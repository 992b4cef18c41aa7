import type { InAppRestoreReport } from '../../engine/dataSafety/restorableEngine.js';
import type { Engine } from '../../engine/index.js';
import type { Caller } from '../caller.js';
import type { Method, Output, ParsedInput } from '../contract.js';

/** What every handler gets: the engine plus facts only the host knows. */
export interface HandlerContext {
  readonly engine: Engine;
  readonly appVersion: string;
  /**
   * Swaps the workspace's database for a listed backup and reopens the engine (hosts that can; see
   * RestorableEngine). Without it, backup.restore answers that the restore must be done offline.
   */
  readonly restoreBackup?: (name: string, actor: string) => Promise<InAppRestoreReport>;
}

/** One call: the host's context plus who is calling and the actor the audit records for them. */
export interface CallContext extends HandlerContext {
  readonly caller: Caller;
  /** "agent:<display name>" for the signed-in agent, "api" for a connector, "cli:<user>" for the tandem command. */
  readonly actor: string;
}

export type Handler<M extends Method> = (ctx: CallContext, input: ParsedInput<M>) => Output<M> | Promise<Output<M>>;
export type HandlerTable<K extends Method> = { readonly [M in K]: Handler<M> };
