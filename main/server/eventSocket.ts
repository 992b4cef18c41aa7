import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ApiEvent } from '../api/contract.js';

/**
 * Pushes engine events to connected UIs. Clients only listen: every command goes through the
 * validated RPC route, so the socket needs no parser for untrusted input.
 *
 * Each event is framed at once, in order, but the frames of one turn of the event loop leave in one
 * write: a busy host emits several events per customer message (the message, its assist result, the
 * conversation's new summary), and one write per frame cost more than the rest of the broadcast.
 */
export class EventSocket {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 });
  /** The TCP socket under each client, held back (corked) until the end of the current turn. */
  private readonly transports = new Map<WebSocket, Duplex>();
  private readonly corked = new Set<Duplex>();
  private flushScheduled = false;

  constructor() {
    this.wss.on('connection', (socket: WebSocket) => {
      socket.on('message', () => socket.close(1003, 'This channel only sends events.'));
      socket.on('error', () => socket.terminate());
    });
  }

  accept(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.transports.set(ws, socket);
      ws.once('close', () => this.transports.delete(ws));
      this.wss.emit('connection', ws, req);
    });
  }

  broadcast(event: ApiEvent): void {
    if (this.wss.clients.size === 0) return;
    const payload = JSON.stringify(event);
    for (const client of this.wss.clients) {
      if (client.readyState !== client.OPEN) continue;
      this.holdBack(this.transports.get(client));
      client.send(payload);
    }
  }

  get clientCount(): number {
    return this.wss.clients.size;
  }

  close(): void {
    this.flush();
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }

  private holdBack(transport: Duplex | undefined): void {
    if (!transport || this.corked.has(transport) || transport.destroyed) return;
    transport.cork();
    this.corked.add(transport);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    for (const transport of this.corked) if (!transport.destroyed) transport.uncork();
    this.corked.clear();
  }
}
