import { describe, expect, it } from 'vitest';
import { entitiesFromRouting } from '../../../../main/engine/actions/assistStage.js';
import type { RoutingResult } from '../../../../main/engine/router/types.js';

const routing = (entities: RoutingResult['entities']): RoutingResult => ({
  intent: 'refund_request', confidence: 0.9, runnerUp: null, outOfScope: false, entities,
  sentiment: { score: 0, label: 'neutral', negativeStreak: 0 }, usedHistory: false, threshold: 0.5, belowThreshold: false, modelVersion: 1, source: 'classifier',
});

describe('router entities for proposals', () => {
  it('uses the router\'s values first and completes them with the fallback extractor', () => {
    const text = 'You are Ethan Garcia, and you live in Denver, 80280. Order #W1234567, refund $20.';
    const merged = entitiesFromRouting(routing([
      { kind: 'order_id', text: '#W1234567', start: 0, end: 9, value: '#W1234567' },
      { kind: 'money', text: '$20', start: 0, end: 3, value: '20.00', amountCents: 2000 },
    ]), text);
    expect(merged).toEqual({ orderIds: ['#W1234567'], emails: [], names: [{ first: 'Ethan', last: 'Garcia' }], zip: '80280', amountsCents: [2000] });
  });

  it('falls back entirely when there is no routing result', () => {
    expect(entitiesFromRouting(null, 'my email is ann@example.com').emails).toEqual(['ann@example.com']);
  });
});
