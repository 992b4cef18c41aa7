/**
 * Who is making a call, as the transport authenticated it. Handlers take the actor recorded in the
 * audit from here — never from the request body.
 * - agent: the signed-in UI (Electron's window, or a browser with the host's session cookie);
 * - connector: a client holding the headless host's API token (helpdesk connectors, scripts);
 * - admin: the `tandem` command run by the machine's user, in process.
 */
export type Caller = { readonly kind: 'agent' } | { readonly kind: 'connector' } | { readonly kind: 'admin'; readonly name: string };

export const SIGNED_IN_AGENT: Caller = { kind: 'agent' };
export const CONNECTOR: Caller = { kind: 'connector' };
