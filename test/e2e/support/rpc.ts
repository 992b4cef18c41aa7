import type { RunningHost } from './host.js';

/** Calls one contract method on a running host with its token; throws with the error's message on failure. */
export async function rpc<T = any>(host: RunningHost, method: string, input: unknown): Promise<T> {
  const response = await fetch(new URL(`/api/v1/rpc/${method}`, host.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { ok: boolean; value?: T; error?: { code: string; message: string } };
  if (!body.ok) throw new Error(`${method} failed: ${body.error?.code ?? ''} ${body.error?.message ?? JSON.stringify(body)}`);
  return body.value as T;
}
