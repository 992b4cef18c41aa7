import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ApiEvent } from '../../../main/api/contract.js';
import { EventSocket } from '../../../main/server/eventSocket.js';

let server: Server | null = null;
let events: EventSocket | null = null;

afterEach(async () => {
  events?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
  events = null;
});

async function connected(): Promise<{ client: WebSocket; transport: Duplex; received: ApiEvent[] }> {
  events = new EventSocket();
  let transport: Duplex | null = null;
  server = createServer();
  server.on('upgrade', (req, socket: Duplex, head: Buffer) => {
    transport = socket;
    events!.accept(req, socket, head);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  const received: ApiEvent[] = [];
  client.on('message', (data: Buffer) => received.push(JSON.parse(data.toString()) as ApiEvent));
  await new Promise<void>((resolve, reject) => {
    client.once('open', () => resolve());
    client.once('error', reject);
  });
  await expect.poll(() => events!.clientCount).toBe(1);
  return { client, transport: transport!, received };
}

const deleted = (i: number): ApiEvent => ({ type: 'conversation.deleted', conversationId: `c${i}` });

describe('event socket', () => {
  it('sends every event of a turn, in order, in one write at the end of the turn', async () => {
    const { client, transport, received } = await connected();
    const writes: number[] = [];
    const writev = (transport as unknown as { _writev: (chunks: unknown[], cb: () => void) => void })._writev.bind(transport);
    (transport as unknown as { _writev: typeof writev })._writev = (chunks, cb) => (writes.push(chunks.length), writev(chunks, cb));
    for (let i = 0; i < 50; i++) events!.broadcast(deleted(i));
    // Held back while the turn runs…
    expect(transport.writableCorked).toBeGreaterThan(0);
    expect(writes).toEqual([]);
    await expect.poll(() => received.length).toBe(50);
    // …then written at once: one write of every frame (header and payload each).
    expect(writes).toEqual([100]);
    expect(received.map((e) => (e as { conversationId: string }).conversationId)).toEqual(Array.from({ length: 50 }, (_, i) => `c${i}`));
    expect(transport.writableCorked).toBe(0);
    client.close();
  });

  it('keeps sending after a client leaves, and serialises nothing with no client', async () => {
    const { client, received } = await connected();
    events!.broadcast(deleted(1));
    await expect.poll(() => received.length).toBe(1);
    client.close();
    await expect.poll(() => events!.clientCount).toBe(0);
    const unserialisable = { type: 'conversation.deleted', conversationId: 1n } as unknown as ApiEvent;
    expect(() => events!.broadcast(unserialisable)).not.toThrow();
  });
});
