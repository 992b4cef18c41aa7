import { describe, expect, it } from 'vitest';
import { DEFAULT_TAXONOMY } from '../../../../main/engine/router/defaultTaxonomy.js';
import { validateTaxonomy } from '../../../../main/engine/router/taxonomySchema.js';

describe('taxonomy validation', () => {
  it('accepts the default taxonomy with the seed thresholds and at least 25 examples per intent', () => {
    const taxonomy = validateTaxonomy(DEFAULT_TAXONOMY);
    expect(Object.fromEntries(taxonomy.intents.map((i) => [i.name, i.escalationThreshold]))).toEqual({
      order_status: 0.3, refund_request: 0.5, account_issue: 0.3, product_question: 0.2, complaint: 0.7, other: 0.8,
    });
    for (const intent of taxonomy.intents) expect(intent.examples.length).toBeGreaterThanOrEqual(25);
  });

  it('refuses an intent without examples and names it', () => {
    const edited = { ...DEFAULT_TAXONOMY, intents: DEFAULT_TAXONOMY.intents.map((i) => (i.name === 'complaint' ? { ...i, examples: ['  ', ''] } : i)) };
    expect(() => validateTaxonomy(edited)).toThrow(/"complaint" has no examples/);
    try {
      validateTaxonomy(edited);
    } catch (error) {
      expect((error as { code: string }).code).toBe('E_TAXONOMY_INVALID');
    }
  });

  it('refuses duplicate names, a missing fallback, bad names and thresholds outside [0, 1]', () => {
    const [a, b] = DEFAULT_TAXONOMY.intents;
    expect(() => validateTaxonomy({ intents: [a, { ...b!, name: a!.name }], fallbackIntent: a!.name })).toThrow(/appears twice/);
    expect(() => validateTaxonomy({ intents: [a, b], fallbackIntent: 'other' })).toThrow(/fallback intent "other"/);
    expect(() => validateTaxonomy({ intents: [{ ...a!, name: 'Order Status' }, b], fallbackIntent: b!.name })).toThrow(/lower_snake_case/);
    expect(() => validateTaxonomy({ intents: [{ ...a!, escalationThreshold: 1.5 }, b], fallbackIntent: b!.name })).toThrow(/E_TAXONOMY_INVALID|taxonomy/);
  });

  it('trims and de-duplicates examples', () => {
    const [a, b] = DEFAULT_TAXONOMY.intents;
    const t = validateTaxonomy({ intents: [{ ...a!, examples: [' where is it ', 'where is it', 'where  is it'] }, b], fallbackIntent: b!.name });
    expect(t.intents[0]!.examples).toEqual(['where is it']);
  });
});
