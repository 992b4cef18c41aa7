import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ApiEvent } from '../api/contract.js';

/**
 * Pushes engine events to connected UIs. Clients only listen: every command goes through the
 * validated RPC route, so the socket needs no parser for untrusted input.
 */
export class EventSocket {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 });

  constructor() {
    this.wss.on('connection', (socket: WebSocket) => {
      socket.on('message', () => socket.close(1003, 'This channel only sends events.'));
      socket.on('error', () => socket.terminate());
    });
  }

  accept(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  }

  broadcast(event: ApiEvent): void {
    const payload = JSON.stringify(event);
    for (const client of this.wss.clients) {
      if (client.readyState === client.OPEN) client.send(payload);
    }
  }

  get clientCount(): number {
    return this.wss.clients.size;
  }

  close(): void {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }
}
