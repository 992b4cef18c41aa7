import { z } from 'zod';
import { TandemError } from '../errors.js';
import type { Taxonomy } from './types.js';

/** Limits that keep training in seconds and the Settings editor usable. */
export const TAXONOMY_LIMITS = { intents: 100, examplesPerIntent: 2000, exampleChars: 500, tools: 20 } as const;

export const IntentName = z
  .string()
  .trim()
  .min(1, { message: 'An intent needs a name.' })
  .max(60)
  .regex(/^[a-z][a-z0-9_]*$/, { message: 'Intent names are lower_snake_case (letters, digits, underscores), e.g. "order_status".' });

export const IntentDefinitionSchema = z.object({
  name: IntentName,
  description: z.string().max(500).default(''),
  requiresAuth: z.boolean(),
  tools: z.array(z.string().min(1).max(60)).max(TAXONOMY_LIMITS.tools),
  escalationThreshold: z.number().min(0).max(1),
  examples: z.array(z.string().max(TAXONOMY_LIMITS.exampleChars)).max(TAXONOMY_LIMITS.examplesPerIntent),
});

export const TaxonomySchema = z.object({
  intents: z.array(IntentDefinitionSchema).min(2).max(TAXONOMY_LIMITS.intents),
  fallbackIntent: IntentName,
});

/**
 * Checks a taxonomy beyond its shape: unique names, a fallback that exists, and at least one example
 * for every intent (with fewer the classifier cannot learn the intent, so the edit is refused and the
 * previous model stays active). Examples are trimmed and de-duplicated per intent.
 */
export function validateTaxonomy(input: unknown): Taxonomy {
  const parsed = TaxonomySchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new TandemError('E_TAXONOMY_INVALID', `${issue.path.join('.') || 'taxonomy'}: ${issue.message}`);
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  const intents = parsed.data.intents.map((intent) => {
    if (seen.has(intent.name)) problems.push(`The intent "${intent.name}" appears twice.`);
    seen.add(intent.name);
    const examples = [...new Set(intent.examples.map((e) => e.replace(/\s+/g, ' ').trim()).filter((e) => e.length > 0))];
    if (examples.length === 0) problems.push(`The intent "${intent.name}" has no examples; add at least one example message.`);
    return { ...intent, tools: [...new Set(intent.tools)], examples };
  });
  if (!seen.has(parsed.data.fallbackIntent)) {
    problems.push(`The fallback intent "${parsed.data.fallbackIntent}" is not one of the intents.`);
  }
  if (problems.length > 0) throw new TandemError('E_TAXONOMY_INVALID', problems.join(' '));
  return { intents, fallbackIntent: parsed.data.fallbackIntent };
}
