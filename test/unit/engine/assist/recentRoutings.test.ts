import { describe, expect, it } from 'vitest';
import { RecentRoutings } from '../../../../main/engine/assist/recentRoutings.js';
import type { RoutingResult } from '../../../../main/engine/router/types.js';

const routing = (intent: string): RoutingResult =>
  ({ intent, confidence: 0.9, runnerUp: null, outOfScope: false, entities: [], sentiment: { score: 0, label: 'neutral', negativeStreak: 0 }, usedHistory: false, threshold: 0.3, belowThreshold: false, modelVersion: 1, source: 'classifier' }) as RoutingResult;

describe('recent routings', () => {
  it('answers only when every message asked for is remembered', () => {
    const memory = new RecentRoutings(10, 10);
    memory.set('c1', new Map([['m1', routing('a')], ['m2', null]]));
    expect(memory.get('c1', ['m1', 'm2'])).toEqual(new Map([['m1', routing('a')], ['m2', null]]));
    expect(memory.get('c1', ['m1', 'm3'])).toBeNull();
    expect(memory.get('c2', [])).toBeNull();
    expect(memory.get('c1', [])).toEqual(new Map());
  });

  it('replaces a message re-assisted later, and keeps the newest messages of a conversation', () => {
    const memory = new RecentRoutings(10, 2);
    memory.set('c1', new Map([['m1', routing('a')], ['m2', routing('b')]]));
    memory.set('c1', new Map([['m1', routing('c')]])); // m1 again: now the newest
    memory.set('c1', new Map([['m3', routing('d')]])); // drops m2, the oldest
    expect(memory.get('c1', ['m1', 'm3'])).toEqual(new Map([['m1', routing('c')], ['m3', routing('d')]]));
    expect(memory.get('c1', ['m2'])).toBeNull();
  });

  it('forgets the least recently used conversation first', () => {
    const memory = new RecentRoutings(2, 10);
    memory.set('c1', new Map([['m1', null]]));
    memory.set('c2', new Map([['m2', null]]));
    memory.get('c1', ['m1']); // c1 used: c2 is now the oldest
    memory.set('c3', new Map([['m3', null]]));
    expect(memory.get('c2', ['m2'])).toBeNull();
    expect(memory.get('c1', ['m1'])).not.toBeNull();
    expect(memory.get('c3', ['m3'])).not.toBeNull();
    memory.forget('c3');
    expect(memory.get('c3', ['m3'])).toBeNull();
  });
});
