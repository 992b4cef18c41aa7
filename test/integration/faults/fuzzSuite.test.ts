import { describe, expect, it } from 'vitest';
import { runFuzzCampaign } from './support/fuzzCampaign.js';

// About a thousand seeded inputs here; bench/fuzzSuite.ts runs 10,000+ with the same generators.
describe('fuzz and abuse across the contract and the HTTP host', () => {
  it('no crash, no change without an approval call, no other customer\'s data in drafts or tool results', async () => {
    const report = await runFuzzCampaign({ inputs: 1000, seed: 20261125 });
    expect(report.inputs).toBe(1000);
    expect(report.findings).toEqual([]);
    expect(report.crashes).toBe(0);
    expect(report.internalErrors).toBe(0);
    expect(report.unapprovedChanges).toBe(0);
    expect(report.otherCustomerData).toBe(0);
    expect(report.hostAliveAtEnd).toBe(true);
    // The run reached the code behind validation too, not only the schema checks.
    expect(report.okResults).toBeGreaterThan(100);
    expect(report.byKind['customer-message']).toBeGreaterThan(150);
  }, 300_000);
});
