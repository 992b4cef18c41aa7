import net from 'node:net';
import { afterAll } from 'vitest';

/**
 * Every test runs offline: a connection to anything outside 127.0.0.0/8 or ::1 fails loudly and is
 * recorded, and the file fails at the end if any was attempted (even one whose error was swallowed).
 */
const attempts: string[] = [];
const originalConnect = net.Socket.prototype.connect;

function isLoopback(host: string | undefined): boolean {
  if (host === undefined || host === 'localhost') return true;
  if (net.isIPv4(host)) return host.startsWith('127.');
  if (net.isIPv6(host)) return host === '::1' || host.startsWith('::ffff:127.');
  return false;
}

net.Socket.prototype.connect = function patchedConnect(this: net.Socket, ...args: unknown[]) {
  // net.connect() and http.request() reach this with Node's normalized form, [[options, callback]].
  const call = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  const first = call[0] as { host?: string; path?: string; port?: number } | number | string | undefined;
  let host: string | undefined;
  let isPipe = false;
  if (typeof first === 'object' && first !== null) {
    host = first.host;
    isPipe = typeof first.path === 'string';
  } else if (typeof first === 'number') {
    host = typeof call[1] === 'string' ? call[1] : undefined;
  } else if (typeof first === 'string' && !/^\d+$/.test(first)) {
    isPipe = true;
  }
  if (!isPipe && !isLoopback(host)) {
    attempts.push(`${host ?? '?'}`);
    throw new Error(`Outbound network connection to ${host ?? '?'} blocked: Tandem must work offline.`);
  }
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

afterAll(() => {
  if (attempts.length > 0) throw new Error(`Outbound connections were attempted: ${attempts.join(', ')}`);
});
