import { describe, expect, it } from 'vitest';
import type { ActionService } from '../../../../main/engine/actions/actionService.js';
import type { ActionRecord } from '../../../../main/engine/actions/actionTypes.js';
import { entitiesFromRouting, proposeForAssist } from '../../../../main/engine/actions/assistStage.js';
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
    expect(merged).toEqual({ orderIds: ["#W1234567"], emails: [], names: [{ first: "Ethan", last: "Garcia" }], zip: "80280", amountsCents: [2000], products: [] });
  });

  it('falls back entirely when there is no routing result', () => {
    expect(entitiesFromRouting(null, 'my email is ann@example.com').emails).toEqual(['ann@example.com']);
  });
});

describe('the assist actions stage', () => {
  const action = (id: string, status: ActionRecord['status'], updatedAt: number): ActionRecord => ({ id, status, updatedAt }) as unknown as ActionRecord;

  it('returns what this message proposed or changed plus every open action, not finished earlier ones', async () => {
    const earlierDone = action('a1', 'succeeded', 100);
    const earlierOpen = action('a2', 'proposed', 100);
    const before = [earlierDone, earlierOpen, action('a3', 'proposed', 100)];
    const after = [earlierDone, earlierOpen, action('a3', 'succeeded', 200), action('a4', 'succeeded', 200), action('a5', 'proposed', 200)];
    let calls = 0;
    const service = {
      list: () => before,
      propose: async (_id: string, input: { latestCustomerText?: string }) => {
        calls++;
        expect(input.latestCustomerText).toBe('where is my order');
        return after;
      },
    } as unknown as ActionService;
    const result = await proposeForAssist(service)('c1', null, 'where is my order');
    expect(calls).toBe(1);
    expect(result.map((a) => a.id)).toEqual(['a2', 'a3', 'a4', 'a5']);
  });
});

describe('the zip that goes with the name', () => {
  it('takes the zip beside the customer\'s name when a message has two', () => {
    const text = 'My new address is 1234 Elm St, Springfield, IL, 62701. I am Yusuf Taylor from San Jose, CA, 95154.';
    const merged = entitiesFromRouting(routing([
      { kind: 'zip', text: '62701', start: 48, end: 53, value: '62701' },
      { kind: 'person_name', text: 'Yusuf Taylor', start: 60, end: 72, value: 'Yusuf Taylor' },
      { kind: 'zip', text: '95154', start: 93, end: 98, value: '95154' },
    ]), text);
    expect(merged.zip).toBe('95154');
    // The router reads no name in "You are …"; the fallback's name places the zip just as well.
    const second = 'Your new address is 1234 Elm St, Springfield, IL, 62701. You are Yusuf Taylor from San Jose, CA, 95154.';
    const unnamed = entitiesFromRouting(routing([
      { kind: 'zip', text: '62701', start: 50, end: 55, value: '62701' },
      { kind: 'zip', text: '95154', start: 99, end: 104, value: '95154' },
    ]), second);
    expect(unnamed).toMatchObject({ names: [{ first: 'Yusuf', last: 'Taylor' }], zip: '95154' });
  });
});
