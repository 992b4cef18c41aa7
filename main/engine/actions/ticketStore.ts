import type { Database } from '../store/database.js';
import { newId } from '../ids.js';

export interface Ticket {
  readonly id: string;
  readonly workspaceId: string;
  readonly conversationId: string | null;
  readonly customerId: string | null;
  readonly subject: string;
  readonly priority: 'low' | 'medium' | 'high' | 'urgent';
  readonly summary: string;
  readonly status: 'open' | 'closed';
  readonly createdAt: number;
}

/** Tickets live in Tandem itself, whatever commerce backend is connected. */
export class TicketStore {
  constructor(private readonly db: Database) {}

  open(t: Omit<Ticket, 'id' | 'status'>): Ticket {
    const ticket: Ticket = { ...t, id: newId('t'), status: 'open' };
    this.db
      .prepare(`INSERT INTO tickets (id, workspace_id, conversation_id, customer_id, subject, priority, summary, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(ticket.id, ticket.workspaceId, ticket.conversationId, ticket.customerId, ticket.subject, ticket.priority, ticket.summary, ticket.status, ticket.createdAt);
    return ticket;
  }

  list(workspaceId: string, limit = 200): Ticket[] {
    const rows = this.db.prepare(`SELECT * FROM tickets WHERE workspace_id = ? ORDER BY created_at DESC, id LIMIT ?`).all(workspaceId, limit) as Array<{
      id: string; workspace_id: string; conversation_id: string | null; customer_id: string | null; subject: string; priority: Ticket['priority']; summary: string; status: Ticket['status']; created_at: number;
    }>;
    return rows.map((r) => ({ id: r.id, workspaceId: r.workspace_id, conversationId: r.conversation_id, customerId: r.customer_id, subject: r.subject, priority: r.priority, summary: r.summary, status: r.status, createdAt: r.created_at }));
  }
}
