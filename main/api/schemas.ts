import { z } from 'zod';
import { MAX_MESSAGE_CHARS } from '../engine/conversations/messageText.js';

/** Shared shapes of the contract. Outputs are validated in tests so that types and reality agree. */
export const Id = z.string().min(1).max(100);

export const MessageRoleSchema = z.enum(['customer', 'agent', 'system', 'tool']);
export const ConversationStatusSchema = z.enum(['open', 'resolved', 'escalated']);

export const MessageContent = z
  .string()
  .max(MAX_MESSAGE_CHARS, { message: `Messages are limited to ${MAX_MESSAGE_CHARS.toLocaleString('en-US')} characters.` });

export const ConversationSummarySchema = z.object({
  id: Id,
  workspaceId: Id,
  customerRef: z.string().nullable(),
  customerId: z.string().nullable(),
  customerName: z.string().nullable(),
  verified: z.boolean(),
  subject: z.string(),
  status: ConversationStatusSchema,
  channel: z.string(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  lastMessageAt: z.number().int().nullable(),
  lastMessagePreview: z.string().nullable(),
  lastMessageRole: MessageRoleSchema.nullable(),
  messageCount: z.number().int().nonnegative(),
  flags: z.array(z.object({ trigger: z.string(), priority: z.enum(['immediate', 'high', 'medium']), reason: z.string() })),
});

export const MessageSchema = z.object({
  id: Id,
  conversationId: Id,
  seq: z.number().int().positive(),
  role: MessageRoleSchema,
  content: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  createdAt: z.number().int(),
});

export const WorkspaceSchema = z.object({ id: Id, name: z.string(), isDemo: z.boolean(), createdAt: z.number().int() });
