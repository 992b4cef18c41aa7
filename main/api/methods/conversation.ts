import { z } from 'zod';
import { ConversationStatusSchema, ConversationSummarySchema, Id, MessageContent, MessageSchema } from '../schemas.js';

export const conversationMethods = {
  'conversation.list': {
    input: z
      .object({ status: ConversationStatusSchema.optional(), limit: z.number().int().min(1).max(1000).optional() })
      .strict(),
    output: z.array(ConversationSummarySchema),
  },
  'conversation.get': {
    input: z.object({ id: Id }).strict(),
    output: z.object({ conversation: ConversationSummarySchema, messages: z.array(MessageSchema) }),
  },
  'conversation.create': {
    input: z
      .object({
        customerRef: z.string().max(200).optional(),
        subject: z.string().max(200).optional(),
        channel: z.string().min(1).max(40).optional(),
        firstMessage: MessageContent.optional(),
      })
      .strict(),
    output: ConversationSummarySchema,
  },
  /** Customer text arrives here too (pasted, simulated or pushed by a connector): it is stored as data only. */
  'conversation.send': {
    input: z.object({ id: Id, role: z.enum(['customer', 'agent']), content: MessageContent }).strict(),
    output: MessageSchema,
  },
  'conversation.setStatus': {
    input: z.object({ id: Id, status: ConversationStatusSchema }).strict(),
    output: ConversationSummarySchema,
  },
  'conversation.delete': {
    input: z.object({ id: Id }).strict(),
    output: z.object({ deleted: z.literal(true) }),
  },
} as const;
