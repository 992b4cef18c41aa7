import { z } from 'zod';
import { ERROR_HINTS, isDiskFull, isTandemError } from '../engine/errors.js';
import { contract, isMethod, type Input, type Method, type Output } from './contract.js';
import { SIGNED_IN_AGENT, type Caller } from './caller.js';
import type { CallContext, HandlerContext } from './handlers/context.js';
import { handlers } from './handlers/index.js';
import { fail, ok, type Result } from './result.js';

export interface Dispatcher {
  /**
   * Transport entry point: the method name and input arrive untyped from outside; the caller is who the
   * transport authenticated (the signed-in agent unless said otherwise).
   */
  call(method: string, input: unknown, caller?: Caller): Promise<Result<unknown>>;
  /** Typed entry point for in-process callers (CLI, tests). */
  invoke<M extends Method>(method: M, input: Input<M>, caller?: Caller): Promise<Result<Output<M>>>;
}

export interface DispatcherOptions {
  /** Check every output against its schema too (tests turn this on; a mismatch is a bug, not user error). */
  readonly validateOutput?: boolean;
  readonly onInternalError?: (method: string, error: unknown) => void;
}

/**
 * Validates input at the boundary, runs the handler, and turns every failure into a result value.
 * Expected failures keep their code; anything else becomes E_INTERNAL without leaking internals.
 */
export function createDispatcher(ctx: HandlerContext, options: DispatcherOptions = {}): Dispatcher {
  async function call(method: string, input: unknown, caller: Caller = SIGNED_IN_AGENT): Promise<Result<unknown>> {
    if (!isMethod(method)) return fail('E_UNKNOWN_METHOD', `Unknown method "${method}". ${ERROR_HINTS.E_UNKNOWN_METHOD}`);
    const spec = contract[method];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) return fail('E_VALIDATION', describeIssues(parsed.error));
    try {
      const handler = handlers[method] as (c: CallContext, i: unknown) => unknown;
      const value = await handler(callContext(ctx, caller), parsed.data);
      if (options.validateOutput) {
        const checked = spec.output.safeParse(value);
        if (!checked.success) throw new Error(`Output of ${method} broke its schema: ${describeIssues(checked.error)}`);
      }
      return ok(value);
    } catch (error) {
      if (isTandemError(error)) return fail(error.code, error.message);
      if (isDiskFull(error)) return fail('E_DISK_FULL', ERROR_HINTS.E_DISK_FULL);
      options.onInternalError?.(method, error);
      return fail('E_INTERNAL', ERROR_HINTS.E_INTERNAL);
    }
  }
  return {
    call,
    invoke: (method, input, caller) => call(method, input, caller) as never,
  };
}

/** The host's context (its engine getter follows an in-app restore) plus this call's caller and actor. */
function callContext(ctx: HandlerContext, caller: Caller): CallContext {
  return Object.create(ctx, {
    caller: { value: caller },
    actor: { get: () => (caller.kind === 'agent' ? ctx.engine.profile.actor() : caller.kind === 'connector' ? 'api' : `cli:${caller.name}`) },
  }) as CallContext;
}

function describeIssues(error: z.ZodError): string {
  const issues = error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message.replace(/\.$/, '')}`)
    .join('; ');
  return `Invalid request — ${issues}. Correct the fields named and try again.`;
}
