import { z } from 'zod';
import { TandemError } from '../errors.js';

/**
 * What the assistant costs to run. Token prices are cents per million tokens (integers keep money
 * exact); a local model is free per token by default, and the machine's electricity or hosting is an
 * hourly rate charged for the time conversations are being handled.
 */
export const CostSettingsSchema = z
  .object({
    localCentsPerMillionTokens: z.number().int().min(0).max(10_000_000),
    remoteCentsPerMillionTokens: z.number().int().min(0).max(10_000_000),
    infraCentsPerHour: z.number().int().min(0).max(1_000_000),
    /** Evidence below this rerank score (0..1) counts as "no good evidence" for the knowledge-gap report. */
    goodEvidenceScore: z.number().min(0).max(1),
  })
  .strict();

export type CostSettings = z.infer<typeof CostSettingsSchema>;

export const DEFAULT_COST_SETTINGS: CostSettings = {
  localCentsPerMillionTokens: 0,
  remoteCentsPerMillionTokens: 0,
  infraCentsPerHour: 0,
  goodEvidenceScore: 0.35,
};

export function parseCostSettings(value: unknown): CostSettings {
  const parsed = CostSettingsSchema.partial().strict().safeParse(value);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join('.') || 'settings').join(', ');
    throw new TandemError('E_VALIDATION', `Metric cost settings are not valid (${fields}); use whole cents and a score between 0 and 1.`);
  }
  return { ...DEFAULT_COST_SETTINGS, ...stripUndefined(parsed.data) };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Whole cents for a span of handle time and tokens; rounding happens once, on the total. */
export function runningCostCents(
  usage: { localTokens: number; remoteTokens: number; handleMs: number },
  settings: CostSettings,
): number {
  return Math.round(
    (usage.localTokens * settings.localCentsPerMillionTokens) / 1e6 +
      (usage.remoteTokens * settings.remoteCentsPerMillionTokens) / 1e6 +
      (usage.handleMs * settings.infraCentsPerHour) / 3.6e6,
  );
}
