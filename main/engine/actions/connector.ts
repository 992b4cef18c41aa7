import type { ToolName } from './toolSchemas.js';

/** What a customer lookup returns before verification: just enough for the agent to confirm the match. */
export interface CustomerCandidate {
  readonly customerId: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly zip: string;
}

/**
 * How an account is found. A user id only locates it: the zip (or email) given with it is what the
 * customer proves they know, so a lookup by id alone can be shown but not confirmed.
 */
export type IdentityLookup =
  | { readonly email: string }
  | { readonly firstName: string; readonly lastName: string; readonly zip: string }
  | { readonly userId: string; readonly zip?: string | undefined };

export interface ToolCall {
  readonly workspaceId: string;
  readonly tool: ToolName;
  /** Already validated against the tool's argument schema. */
  readonly args: unknown;
  /** The conversation's verified customer, or null; connectors check ownership against it. */
  readonly customerId: string | null;
  /** Sent with every data-changing call so the backend can refuse to apply it twice. */
  readonly idempotencyKey: string;
  readonly now: number;
}

/**
 * A commerce backend. `inProcess` connectors write to Tandem's own database synchronously, so the
 * action service can put the effect, its idempotency record and its audit entry in one transaction.
 * Remote connectors are asynchronous and receive the idempotency key instead.
 */
export type CommerceConnector =
  | {
      readonly name: string;
      readonly inProcess: true;
      supports(tool: ToolName): boolean;
      findCustomer(workspaceId: string, lookup: IdentityLookup): CustomerCandidate | null;
      /** Whether a token of a message is one of this backend's user ids (decides nothing, only proposes a lookup). */
      recognizesUserId(workspaceId: string, token: string): boolean;
      run(call: ToolCall): unknown;
    }
  | {
      readonly name: string;
      readonly inProcess: false;
      supports(tool: ToolName): boolean;
      findCustomer(workspaceId: string, lookup: IdentityLookup): Promise<CustomerCandidate | null>;
      recognizesUserId(workspaceId: string, token: string): boolean;
      run(call: ToolCall): Promise<unknown>;
    };
