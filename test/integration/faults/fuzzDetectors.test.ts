import { describe, expect, it } from 'vitest';
import { runFuzzCampaign, type FuzzPlanting } from './support/fuzzCampaign.js';

/**
 * The fuzz suite's "zero other-customer data" and "zero actions executed without approval" are only worth
 * something if the same checks report a leak when there is one. Each test here runs the campaign's world
 * (demo shop, verified pool conversations, proposed refunds) with no fuzz inputs, plants one known fault
 * the way a bug would leave it in the database, and expects the checks to report that fault and nothing
 * else. The control run with nothing planted must report nothing.
 */
const SEED = 20261125;

function campaign(plant?: (world: FuzzPlanting) => void | Promise<void>) {
  return runFuzzCampaign({ inputs: 0, seed: SEED, ...(plant ? { plant } : {}) });
}

describe('the fuzz suite\'s detectors catch a planted fault', () => {
  it('control: with nothing planted, nothing is reported', async () => {
    const report = await campaign();
    expect(report.findings).toEqual([]);
    expect(report.otherCustomerData).toBe(0);
    expect(report.unapprovedChanges).toBe(0);
  }, 120_000);

  it('a draft carrying another customer\'s email is reported as other-customer data', async () => {
    let planted = { email: '', conversationId: '' };
    const report = await campaign(async ({ engine, dispatcher, pool, victims }) => {
      const own = pool[0]!;
      const victim = victims[0]!;
      const draft = await dispatcher.call('draft.generate', { conversationId: own.conversationId });
      if (!draft.ok) throw new Error(`draft.generate failed: ${draft.error.message}`);
      const id = (draft.value as { id: string }).id;
      engine.db.prepare(`UPDATE drafts SET text = text || ? WHERE id = ?`).run(`\nI also checked with ${victim.email} about this.`, id);
      planted = { email: victim.email.toLowerCase(), conversationId: own.conversationId };
    });
    expect(report.otherCustomerData).toBeGreaterThanOrEqual(1);
    expect(report.findings.length).toBeGreaterThan(0);
    for (const finding of report.findings) {
      expect(finding).toContain(`conversation ${planted.conversationId}`);
      expect(finding).toContain(planted.email);
    }
    expect(report.unapprovedChanges).toBe(0);
  }, 120_000);

  it('a tool result carrying another customer\'s email and order is reported as other-customer data', async () => {
    let planted = { email: '', orderId: '', conversationId: '' };
    const report = await campaign(async ({ engine, pool, victims }) => {
      const own = pool[1]!;
      const victim = victims[1]!;
      // A read of the customer's own order, whose stored result names someone else (as a tool bug would).
      const action = await engine.actions.service.proposeByAgent(own.conversationId, 'lookup_order', { order_id: own.orderId }, 'agent:ana');
      const leaked = { orders: [{ order_id: victim.orderId, email: victim.email, status: 'delivered' }] };
      engine.db.prepare(`UPDATE actions SET status = 'succeeded', result_json = ? WHERE id = ?`).run(JSON.stringify(leaked), action.id);
      planted = { email: victim.email.toLowerCase(), orderId: victim.orderId, conversationId: own.conversationId };
    });
    expect(report.otherCustomerData).toBeGreaterThanOrEqual(2);
    const text = report.findings.join('\n');
    expect(text).toContain(planted.email);
    expect(text).toContain(planted.orderId);
    for (const finding of report.findings) expect(finding).toContain(`conversation ${planted.conversationId}`);
    // A read is not a change: the approval check stays quiet.
    expect(report.unapprovedChanges).toBe(0);
  }, 120_000);

  it('a refund that ran without an approval call is reported; one that ran after an approval call is not', async () => {
    let approved = '';
    let unapproved = '';
    const report = await campaign(async ({ engine, actionIds, approve }) => {
      // Approve a refund the policy allows (a delivered order), so the approved one really runs.
      const orderStatus = (actionId: string): string | undefined =>
        (engine.db.prepare(`SELECT o.status FROM actions a JOIN orders o ON o.id = json_extract(a.args_json, '$.order_id') WHERE a.id = ?`).get(actionId) as { status: string } | undefined)?.status;
      approved = actionIds.find((id) => orderStatus(id) === 'delivered') ?? '';
      unapproved = actionIds.find((id) => id !== approved) ?? '';
      expect(approved).not.toBe('');
      expect(unapproved).not.toBe('');
      const result = await approve(approved);
      if (!result.ok) throw new Error(`approval failed: ${result.error.message}`);
      // The state a bug that skipped the approval step would leave behind.
      engine.db.prepare(`UPDATE actions SET status = 'succeeded', updated_at = updated_at + 1 WHERE id = ?`).run(unapproved);
    });
    expect(report.approvedChangesRun).toBe(1);
    expect(report.unapprovedChanges).toBe(1);
    expect(report.findings).toEqual([`action ${unapproved} (succeeded) ran without an approval call`]);
    expect(report.findings.join('\n')).not.toContain(approved);
    expect(report.otherCustomerData).toBe(0);
  }, 120_000);

  it('an order changed with no approved action behind it is reported', async () => {
    let orderId = '';
    const report = await campaign(({ engine, victims }) => {
      orderId = victims[2]!.orderId;
      engine.db.prepare(`UPDATE orders SET status = 'cancelled' WHERE id = ? AND workspace_id = ?`).run(orderId, engine.workspace.id);
    });
    expect(report.unapprovedChanges).toBe(1);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatch(new RegExp(`^order ${orderId} changed without an approved action: .* → cancelled\\|`));
    expect(report.otherCustomerData).toBe(0);
  }, 120_000);
});
