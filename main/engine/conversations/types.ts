export type MessageRole = 'customer' | 'agent' | 'system' | 'tool';
export type ConversationStatus = 'open' | 'resolved' | 'escalated';

export interface Message {
  readonly id: string;
  readonly conversationId: string;
  readonly seq: number;
  readonly role: MessageRole;
  readonly content: string;
  readonly metadata: Record<string, unknown>;
  readonly createdAt: number;
}

export interface ConversationSummary {
  readonly id: string;
  readonly workspaceId: string;
  readonly customerRef: string | null;
  readonly customerId: string | null;
  readonly customerName: string | null;
  readonly verified: boolean;
  readonly subject: string;
  readonly status: ConversationStatus;
  readonly channel: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly lastMessageAt: number | null;
  readonly lastMessagePreview: string | null;
  readonly lastMessageRole: MessageRole | null;
  readonly messageCount: number;
  /** Escalation flags of the latest assist result, most urgent first (empty when none). */
  readonly flags: ConversationFlag[];
}

export interface ConversationFlag {
  readonly trigger: string;
  readonly priority: 'immediate' | 'high' | 'medium';
  readonly reason: string;
}
