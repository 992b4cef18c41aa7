import { z } from 'zod';
import type { DraftRecord } from '../../engine/drafting/draftRecord.js';
import type { ModelListing, ModelStatus } from '../../engine/drafting/modelHost.js';
import type { GateReport } from '../../engine/quality/types.js';
import type { LoadedModelInfo } from '../../ml/llm/chatModel.js';
import { Id, MessageContent } from '../schemas.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Engine-built values: typed for the UI, checked for shape in tests (they never come from outside). */
const DraftSchema = z.custom<DraftRecord>(
  (v) => isRecord(v) && typeof v['id'] === 'string' && typeof v['text'] === 'string' && Array.isArray(v['citations']) && Array.isArray(v['findings']),
);
const GateReportSchema = z.custom<GateReport>((v) => isRecord(v) && Array.isArray(v['findings']) && typeof v['blocking'] === 'boolean');
const ModelStatusSchema = z.custom<ModelStatus>((v) => isRecord(v) && typeof v['state'] === 'string' && typeof v['threads'] === 'number');
const ModelListingSchema = z.custom<ModelListing>((v) => isRecord(v) && typeof v['path'] === 'string' && typeof v['usable'] === 'boolean');
const LoadedModelSchema = z.custom<LoadedModelInfo>((v) => isRecord(v) && typeof v['name'] === 'string' && typeof v['threads'] === 'number');

/** A path on this machine; only files inside the models folders can be loaded (checked by the manager). */
const FilePath = z.string().min(1).max(4096);

export const draftingMethods = {
  /** The latest draft of a conversation (any status), or null when none was written yet. */
  'draft.get': {
    input: z.object({ conversationId: Id }).strict(),
    output: DraftSchema.nullable(),
  },
  /** The open draft for the latest customer message, writing one if needed (template at once, or an LLM draft that streams). */
  'draft.generate': {
    input: z.object({ conversationId: Id }).strict(),
    output: DraftSchema,
  },
  /** Drops the current draft (recorded as 'regenerated') and writes a new one. */
  'draft.regenerate': {
    input: z.object({ conversationId: Id }).strict(),
    output: DraftSchema,
  },
  'draft.discard': {
    input: z.object({ draftId: Id }).strict(),
    output: DraftSchema,
  },
  /** Stops a streaming LLM draft (the agent left the conversation). */
  'draft.abort': {
    input: z.object({ conversationId: Id }).strict(),
    output: DraftSchema.nullable(),
  },
  /** The quality gate on the agent's current (possibly edited) text; saves nothing. */
  'draft.check': {
    input: z.object({ draftId: Id, text: MessageContent }).strict(),
    output: GateReportSchema,
  },
  /** Applies the one-click fix of finding `findingIndex` of the gate run on `text`, and saves the fixed text. */
  'draft.applyFix': {
    input: z.object({ draftId: Id, text: MessageContent, findingIndex: z.number().int().min(0).max(1000) }).strict(),
    output: DraftSchema,
  },
  /** Sends the text as the agent's reply; a blocking finding needs override: true, which is recorded. */
  'draft.send': {
    input: z.object({ draftId: Id, text: MessageContent.min(1, { message: 'A reply needs some text.' }), override: z.boolean().optional() }).strict(),
    output: z.object({ draft: DraftSchema, messageId: z.string() }),
  },
  'draft.settings.get': {
    input: z.object({}).strict(),
    output: z.object({ aiDisclosure: z.boolean() }),
  },
  'draft.settings.set': {
    input: z.object({ aiDisclosure: z.boolean() }).strict(),
    output: z.object({ aiDisclosure: z.boolean() }),
  },
  /** GGUF files in the models folder and the folder chosen in Settings, each described or with why it cannot be used. */
  'models.list': {
    input: z.object({}).strict(),
    output: z.object({ folders: z.array(z.string()), models: z.array(ModelListingSchema) }),
  },
  /** Loads one model (one at a time); progress arrives as 'models.status' events. */
  'models.load': {
    input: z.object({ path: FilePath }).strict(),
    output: LoadedModelSchema,
  },
  'models.unload': {
    input: z.object({}).strict(),
    output: ModelStatusSchema,
  },
  'models.status': {
    input: z.object({}).strict(),
    output: ModelStatusSchema,
  },
  /** The extra folder searched for GGUF files (null to forget it); stored in the workspace settings. */
  'models.setFolder': {
    input: z.object({ folder: FilePath.nullable() }).strict(),
    output: z.object({ folders: z.array(z.string()), models: z.array(ModelListingSchema) }),
  },
} as const;
