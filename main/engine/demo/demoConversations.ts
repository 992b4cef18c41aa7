import { z } from 'zod';

export const DemoConversationsSchema = z.object({
  conversations: z.array(
    z.object({
      sourceTask: z.string(),
      customerRef: z.string(),
      subject: z.string(),
      minutesAgo: z.number().nonnegative(),
      messages: z.array(z.string().min(1)).min(1),
    }),
  ),
});

export type DemoConversations = z.infer<typeof DemoConversationsSchema>;
