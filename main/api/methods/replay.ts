import { z } from 'zod';

export const replayMethods = {
  'replay.list': {
    input: z.object({}).strict(),
    output: z.array(z.object({ id: z.string(), title: z.string(), messageCount: z.number().int() })),
  },
  /**
   * Starts replaying a demo transcript (or one given inline) into a new conversation, message by
   * message with a pause, so the agent can watch the assist react live. Returns at once.
   */
  'replay.start': {
    input: z
      .object({
        transcriptId: z.string().max(80).optional(),
        transcript: z.unknown().optional(),
        delayMs: z.number().int().min(0).max(10_000).optional(),
      })
      .strict()
      .refine((v) => (v.transcriptId === undefined) !== (v.transcript === undefined), {
        message: 'Give either transcriptId or transcript.',
      }),
    output: z.object({ conversationId: z.string() }),
  },
} as const;
