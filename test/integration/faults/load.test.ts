import { describe, expect, it } from 'vitest';
import { runLoad } from './support/loadRun.js';

// A small version of bench/loadTest.ts (50 conversations for 5 minutes): same host, same checks.
describe('many conversations at once through the HTTP API of a real host', () => {
  it('stores every message once and in order, and assists each conversation', async () => {
    const report = await runLoad({ conversations: 5, seconds: 4, baselineMessages: 3, warmupMessages: 2, waitForStartupWork: false });
    expect(report.single.sent).toBe(3);
    expect(report.concurrent.sent).toBe(20);
    expect(report.concurrent.sendErrors).toBe(0);
    expect(report.stored).toBe(23);
    expect(report.lost).toBe(0);
    expect(report.reordered).toBe(0);
    // Every message got an assist result of its own or was covered by a later message's run.
    expect(report.concurrent.assistedOverWebSocket.count + report.concurrent.coveredByLaterRun).toBe(20);
    expect(report.concurrent.storedAssistTotalMs.count).toBeGreaterThan(0);
  }, 180_000);
});
