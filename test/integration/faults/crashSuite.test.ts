import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRASH_SCENARIOS, prepareCrashSuite, runCrashIteration, type CrashSuite } from './support/crashScenarios.js';

// A few seeded iterations per scenario; bench/crashSuite.ts runs many more with the same code.
const KILLS_PER_SCENARIO = 2;

let suite: CrashSuite;
beforeAll(async () => {
  suite = await prepareCrashSuite();
}, 120_000);
afterAll(() => suite?.dispose());

describe('kill -9 at seeded random points', () => {
  for (const scenario of CRASH_SCENARIOS) {
    it(`${scenario}: the database opens, the audit chain verifies, nothing half done or done twice`, async () => {
      const first = await runCrashIteration(suite, scenario, 1);
      expect(first.problems, 'uninterrupted run').toEqual([]);
      for (let seed = 2; seed < 2 + KILLS_PER_SCENARIO; seed++) {
        const result = await runCrashIteration(suite, scenario, seed * 7919);
        expect(result.problems, JSON.stringify(result)).toEqual([]);
      }
    }, 180_000);
  }
});
