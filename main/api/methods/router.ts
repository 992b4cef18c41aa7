import { z } from 'zod';
import { IntentName, TaxonomySchema } from '../../engine/router/taxonomySchema.js';
import type { RouterStatus, RoutingResult, Taxonomy } from '../../engine/router/types.js';
import { Id, MessageContent } from '../schemas.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Engine-built values: typed for the UI, checked for shape in tests. */
const RoutingResultSchema = z.custom<RoutingResult>(
  (v) => isRecord(v) && typeof v['intent'] === 'string' && typeof v['confidence'] === 'number' && Array.isArray(v['entities']) && isRecord(v['sentiment']),
);
const TaxonomyOutput = z.custom<Taxonomy>((v) => isRecord(v) && Array.isArray(v['intents']) && typeof v['fallbackIntent'] === 'string');
const StatusSchema = z.custom<RouterStatus>((v) => isRecord(v) && 'modelVersion' in v && typeof v['training'] === 'string');
const TaxonomyView = z.object({ taxonomy: TaxonomyOutput, revision: z.number().int(), learnFromCorrections: z.boolean() });

export const routerMethods = {
  /** Intent, entities and sentiment of a text; with a conversation, its last customer turns give context. */
  'router.classify': {
    input: z.object({ text: MessageContent, conversationId: Id.optional() }).strict(),
    output: RoutingResultSchema,
  },
  /** The stored routing of one message, with the agent's correction if any. */
  'router.routing': {
    input: z.object({ messageId: Id }).strict(),
    output: z.object({ routing: RoutingResultSchema, correctedIntent: z.string().nullable() }).nullable(),
  },
  /** Intent and sentiment of each routed customer message of a conversation, oldest first. */
  'router.history': {
    input: z.object({ conversationId: Id }).strict(),
    output: z.array(
      z.object({
        messageId: z.string(),
        intent: z.string(),
        confidence: z.number(),
        correctedIntent: z.string().nullable(),
        sentiment: z.object({ score: z.number(), label: z.string(), negativeStreak: z.number() }),
      }),
    ),
  },
  'router.taxonomy.get': {
    input: z.object({}).strict(),
    output: TaxonomyView,
  },
  /** Replaces the taxonomy (validated: every intent needs examples) and retrains in the background. */
  'router.taxonomy.update': {
    input: z
      .object({
        taxonomy: TaxonomySchema,
        renames: z.record(IntentName, IntentName).optional(),
        learnFromCorrections: z.boolean().optional(),
      })
      .strict(),
    output: TaxonomyView,
  },
  /** The agent's correction of a message's intent; kept as an example only with the workspace's consent. */
  'router.correct': {
    input: z.object({ messageId: Id, intent: IntentName }).strict(),
    output: z.object({ messageId: z.string(), intent: z.string(), learned: z.boolean() }),
  },
  'router.retrain': {
    input: z.object({}).strict(),
    output: StatusSchema,
  },
  /** Active model version, training state and the last training's calibration report. */
  'router.status': {
    input: z.object({}).strict(),
    output: StatusSchema,
  },
} as const;
