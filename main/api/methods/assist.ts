import { z } from 'zod';
import type { AssistResult } from '../../engine/assist/types.js';
import type { EscalationConfig } from '../../engine/escalation/config.js';
import type { HandoffPacket } from '../../engine/escalation/handoffPacket.js';
import { TRIGGERS } from '../../engine/escalation/types.js';
import { Id } from '../schemas.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Engine-built values: typed for the UI, checked for shape in tests (they never come from outside). */
const AssistResultSchema = z.custom<AssistResult>(
  (v) => isRecord(v) && typeof v['messageId'] === 'string' && Array.isArray(v['flags']) && isRecord(v['timings']),
);
const PacketSchema = z.custom<HandoffPacket>(
  (v) => isRecord(v) && ['queue', 'summary', 'customerSentiment', 'attemptedResolutions', 'reason'].every((k) => k in v),
);
const ConfigSchema = z.custom<EscalationConfig>((v) => isRecord(v) && isRecord(v['triggers']));

export const assistMethods = {
  /** The latest assist result of a conversation; customer messages not yet assisted are assisted first. */
  'assist.get': {
    input: z.object({ conversationId: Id }).strict(),
    output: AssistResultSchema.nullable(),
  },
  /** One result per assisted customer message, in order: the timeline of what the assist did. */
  'assist.history': {
    input: z.object({ conversationId: Id }).strict(),
    output: z.array(AssistResultSchema),
  },
  'assist.refresh': {
    input: z.object({ conversationId: Id }).strict(),
    output: AssistResultSchema.nullable(),
  },
  'escalation.packet': {
    input: z.object({ conversationId: Id, reason: z.string().max(1000).optional() }).strict(),
    output: PacketSchema,
  },
  'escalation.escalate': {
    input: z.object({ conversationId: Id, reason: z.string().max(1000).optional() }).strict(),
    output: z.object({ escalationId: z.string(), packet: PacketSchema, destination: z.string(), reference: z.string().nullable() }),
  },
  'escalation.dismiss': {
    input: z.object({ conversationId: Id, trigger: z.enum(TRIGGERS), reason: z.string().min(1).max(1000) }).strict(),
    output: z.object({ dismissed: z.literal(true) }),
  },
  'escalation.config.get': {
    input: z.object({}).strict(),
    output: ConfigSchema,
  },
  /** Validated as a whole by the engine; an invalid configuration is refused and the old one stays. */
  'escalation.config.set': {
    input: z.object({ config: z.unknown() }).strict(),
    output: ConfigSchema,
  },
} as const;
