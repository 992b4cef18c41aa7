import { z } from 'zod';
import { WorkspaceSchema } from '../schemas.js';

export const appMethods = {
  /** What the UI shows in its header and in Settings → About. */
  'app.info': {
    input: z.object({}).strict(),
    output: z.object({
      version: z.string(),
      workspace: WorkspaceSchema,
      dataDir: z.string(),
      schemaVersion: z.number().int(),
      commerce: z.object({ customers: z.number().int(), orders: z.number().int(), products: z.number().int() }),
    }),
  },
} as const;
