import { z } from 'zod';
import { TandemError } from '../errors.js';
import { TRIGGERS, type Priority, type Trigger } from './types.js';

const PrioritySchema = z.enum(['immediate', 'high', 'medium']);

/**
 * Per-workspace trigger settings. The defaults are the seed's: each trigger's priority and threshold
 * as specified. A workspace may switch a trigger off, change its priority or threshold, or add phrases.
 */
export const EscalationConfigSchema = z
  .object({
    triggers: z
      .object(
        Object.fromEntries(
          TRIGGERS.map((t) => [t, z.object({ enabled: z.boolean(), priority: PrioritySchema }).strict()]),
        ) as Record<Trigger, z.ZodObject<{ enabled: z.ZodBoolean; priority: typeof PrioritySchema }>>,
      )
      .strict(),
    negativeStreak: z.number().int().min(1).max(50),
    repeatedIntentCount: z.number().int().min(2).max(50),
    maxMessages: z.number().int().min(1).max(10_000),
    billingDisputeOverCents: z.number().int().min(0),
    extraHumanRequestPhrases: z.array(z.string().min(2).max(100)).max(100),
    extraLegalTerms: z.array(z.string().min(2).max(100)).max(100),
    /** Intent → queue for the handoff packet; intents not listed go to `defaultQueue`. */
    queues: z.record(z.string(), z.string().min(1).max(80)),
    defaultQueue: z.string().min(1).max(80),
  })
  .strict();

export type EscalationConfig = z.infer<typeof EscalationConfigSchema>;

const SEED_PRIORITIES: Record<Trigger, Priority> = {
  explicit_human_request: 'immediate',
  negative_sentiment_streak: 'high',
  repeated_intent: 'high',
  low_confidence: 'medium',
  tool_error: 'high',
  legal_compliance: 'immediate',
  billing_dispute: 'high',
  long_conversation: 'medium',
};

export const DEFAULT_ESCALATION_CONFIG: EscalationConfig = {
  triggers: Object.fromEntries(TRIGGERS.map((t) => [t, { enabled: true, priority: SEED_PRIORITIES[t] }])) as EscalationConfig['triggers'],
  negativeStreak: 2,
  repeatedIntentCount: 3,
  maxMessages: 10,
  billingDisputeOverCents: 50_000,
  extraHumanRequestPhrases: [],
  extraLegalTerms: [],
  queues: {
    order_status: 'Orders & shipping',
    refund_request: 'Billing & refunds',
    account_issue: 'Accounts',
    product_question: 'Product specialists',
    complaint: 'Customer relations',
  },
  defaultQueue: 'General support',
};

/** Validates a stored or submitted configuration; an invalid one is refused with every problem named. */
export function parseEscalationConfig(value: unknown): EscalationConfig {
  const parsed = EscalationConfigSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`).join('; ');
    throw new TandemError('E_VALIDATION', `Invalid escalation settings — ${problems}.`);
  }
  return parsed.data;
}
