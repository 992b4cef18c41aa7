// Preloaded into the host under test (NODE_OPTIONS=--import <this file>): every attempt to reach a
// non-loopback address — a TCP/TLS connection, a UDP datagram or a DNS lookup of a non-local name — is
// appended to the file named by TANDEM_E2E_NET_LOG and then refused. The suite asserts the file is empty.
import { appendFileSync } from 'node:fs';
import dgram from 'node:dgram';
import dns from 'node:dns';
import net from 'node:net';

const logFile = process.env.TANDEM_E2E_NET_LOG;
if (!logFile) throw new Error('loopbackOnly.mjs needs TANDEM_E2E_NET_LOG');

const LOCAL_NAMES = new Set(['localhost', 'localhost.', 'ip6-localhost']);

function isLoopback(host) {
  if (host === undefined || host === null || host === '') return true; // Node's default is localhost
  const name = String(host).toLowerCase().replace(/^\[|\]$/g, '');
  if (LOCAL_NAMES.has(name) || name.endsWith('.localhost')) return true;
  if (net.isIPv4(name)) return name.startsWith('127.');
  if (net.isIPv6(name)) return name === '::1' || name.startsWith('::ffff:127.');
  return false;
}

function record(kind, target) {
  appendFileSync(logFile, `${JSON.stringify({ kind, target: String(target), pid: process.pid, at: new Date().toISOString() })}\n`);
}

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function loopbackOnlyConnect(...args) {
  // net.connect()/http.request() call this with Node's normalized form: [[options, callback]].
  const [first, second] = Array.isArray(args[0]) ? args[0] : args;
  let host;
  let pipe = false;
  if (first && typeof first === 'object') {
    host = first.host;
    pipe = typeof first.path === 'string';
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    host = typeof second === 'string' ? second : undefined;
  } else if (typeof first === 'string') {
    pipe = true;
  }
  if (!pipe && !isLoopback(host)) {
    record('tcp', host);
    throw new Error(`Non-loopback connection to ${host} refused by the end-to-end network guard.`);
  }
  return originalConnect.apply(this, args);
};

const originalSend = dgram.Socket.prototype.send;
dgram.Socket.prototype.send = function loopbackOnlySend(...args) {
  const address = args.find((a, i) => i > 0 && typeof a === 'string');
  if (!isLoopback(address)) {
    record('udp', address);
    throw new Error(`Non-loopback datagram to ${address} refused by the end-to-end network guard.`);
  }
  return originalSend.apply(this, args);
};

for (const api of [dns, dns.promises]) {
  for (const method of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) {
    const original = api[method];
    if (typeof original !== 'function') continue;
    api[method] = function loopbackOnlyLookup(hostname, ...rest) {
      if (!isLoopback(hostname)) record(`dns.${method}`, hostname);
      return original.call(this, hostname, ...rest);
    };
  }
}
