import { z } from 'zod';
import { TandemError } from '../errors.js';

/** A scripted conversation: who the customer is (optional) and the messages in order. */
export const TranscriptSchema = z
  .object({
    title: z.string().max(200).optional(),
    customer: z
      .object({
        email: z.string().email().optional(),
        first_name: z.string().min(1).max(100).optional(),
        last_name: z.string().min(1).max(100).optional(),
        zip: z.string().min(3).max(12).optional(),
      })
      .strict()
      .refine((c) => c.email !== undefined || (c.first_name && c.last_name && c.zip), {
        message: 'The customer block needs an email, or first_name + last_name + zip.',
      })
      .optional(),
    messages: z
      .array(z.object({ role: z.enum(['customer', 'agent']), content: z.string().min(1).max(20_000) }).strict())
      .min(1)
      .max(1000),
  })
  .strict();

export type Transcript = z.infer<typeof TranscriptSchema>;

export function parseTranscript(value: unknown, source = 'transcript'): Transcript {
  const parsed = TranscriptSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || 'transcript'}: ${i.message}`).join('; ');
    throw new TandemError('E_VALIDATION', `${source} is not a valid transcript — ${problems}.`);
  }
  return parsed.data;
}
