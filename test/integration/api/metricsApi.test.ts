import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDispatcher, type Dispatcher } from '../../../main/api/dispatcher.js';
import { metricsCommand } from '../../../main/cli/commands/metrics.js';
import { openEngine, type Engine } from '../../../main/engine/index.js';
import { matchConnectorRoute } from '../../../main/server/connectorRoutes.js';
import { FixedClock } from '../../support/fixedClock.js';
import { tempDir } from '../../support/tempDir.js';

let engine: Engine;
let dispatcher: Dispatcher;
let clock: FixedClock;
beforeEach(() => {
  clock = new FixedClock();
  engine = openEngine({ dataDir: ':memory:', clock });
  delete engine.assistStages.route;
  delete engine.assistStages.retrieve;
  delete engine.assistStages.proposeActions;
  dispatcher = createDispatcher({ engine, appVersion: '0.0.0-test' }, { validateOutput: true });
});
afterEach(async () => {
  await engine.assist.idle();
  engine.close();
});

describe('metrics API', () => {
  it('calculates the seed ROI example to the cent', async () => {
    const roi = await dispatcher.invoke('roi.calculate', { ticketsPerMonth: 5000, humanCostPerTicketCents: 850, assistedCostPerTicketCents: 35, assistedShareBp: 6500 });
    expect(roi).toEqual({ ok: true, value: { monthlyCostBeforeCents: 4_250_000, monthlyCostAfterCents: 1_601_250, monthlySavingsCents: 2_648_750, roiPercent: 165 } });
    expect(await dispatcher.invoke('roi.calculate', { ticketsPerMonth: 5000, humanCostPerTicketCents: 850, assistedCostPerTicketCents: 35, assistedShareBp: 10_001 })).toMatchObject({ ok: false, error: { code: 'E_VALIDATION' } });
  });

  it('records CSAT pushed to the connector route and reopens through it', async () => {
    const c = engine.conversations.create({ firstMessage: 'Hello' });
    clock.advance(30_000);
    engine.conversations.setStatus(c.id, 'resolved');
    const csat = matchConnectorRoute('POST', `/api/v1/conversations/${c.id}/csat`);
    expect(csat?.status).toBe(201);
    expect(await csat?.run(dispatcher, { score: 4, comment: 'quick' })).toEqual({ ok: true, value: { conversationId: c.id, score: 4 } });
    expect(await csat?.run(dispatcher, { score: 0 })).toMatchObject({ ok: false, error: { code: 'E_VALIDATION' } });
    expect(await csat?.run(dispatcher, 'five')).toMatchObject({ ok: false, error: { code: 'E_VALIDATION' } });
    expect(engine.db.prepare(`SELECT score, source, comment FROM csat_ratings`).all()).toEqual([{ score: 4, source: 'api', comment: 'quick' }]);

    clock.advance(60_000);
    expect(await matchConnectorRoute('POST', `/api/v1/conversations/${c.id}/reopen`)?.run(dispatcher, {})).toEqual({ ok: true, value: { reopened: true } });
    const summary = await dispatcher.invoke('metrics.summary', {});
    expect(summary.ok && summary.value.values.false_resolution_rate).toBe(1);
    expect(summary.ok && summary.value.values.csat).toBe(4);
    const drill = await dispatcher.invoke('metrics.drilldown', { metric: 'false_resolution_rate' });
    expect(drill.ok && drill.value.conversations.map((r) => r.conversationId)).toEqual([c.id]);
  });

  it('exports metrics as CSV with a header and quoted customer text, and the review list as JSON', async () => {
    const c = engine.conversations.create({ subject: '=HYPERLINK("x"), "quoted"', firstMessage: 'I want a lawyer' });
    await engine.escalation.escalate(c.id, 'agent', 'legal threat, refund "now"');
    const csv = await dispatcher.invoke('metrics.export', { what: 'metrics', format: 'csv' });
    expect(csv.ok).toBe(true);
    if (!csv.ok) return;
    const lines = csv.value.content.split('\r\n');
    expect(lines[0]).toBe('period_start,period_end,metric,value,target,direction,meets_target,sample_size');
    expect(lines.find((l) => l.includes(',escalation_rate,'))).toMatch(/,escalation_rate,1,0\.35,below,false,1$/);
    expect(lines.find((l) => l.includes(',csat,'))).toMatch(/,csat,,4,above,,0$/);
    const review = await dispatcher.invoke('metrics.export', { what: 'review', format: 'csv' });
    expect(review.ok && review.value.content.split('\r\n')[1]).toContain(`"'=HYPERLINK(""x""), ""quoted"""`);
    const json = await dispatcher.invoke('metrics.export', { what: 'review', format: 'json' });
    expect(json.ok && JSON.parse(json.value.content).groups[0].items[0]).toMatchObject({ kind: 'escalation', conversationId: c.id });
  });
});

describe('tandem metrics --json', () => {
  it('prints one JSON object with the seed keys, null where there is no data', async () => {
    const dir = tempDir('tandem-metrics-cli');
    const seeded = openEngine({ dataDir: dir });
    const c = seeded.conversations.create({ firstMessage: 'Where is my order?' });
    seeded.conversations.send(c.id, 'agent', 'On its way.');
    seeded.conversations.setStatus(c.id, 'resolved');
    await seeded.assist.idle();
    seeded.close();
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    try {
      expect(await metricsCommand(['--json', '--data-dir', dir, '--since', '2000-01-01'])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    const printed = JSON.parse(out.join('')) as Record<string, unknown>;
    for (const key of ['resolution_rate', 'first_response_time_s', 'csat', 'escalation_rate', 'average_handle_time_s', 'cost_per_resolution', 'false_resolution_rate', 'draft_acceptance_rate']) {
      expect(printed).toHaveProperty(key);
    }
    expect(printed).toMatchObject({ conversations: 1, resolution_rate: 1, escalation_rate: 0, csat: null, false_resolution_rate: 0, draft_acceptance_rate: null, cost_per_resolution: 0 });
    await expect(metricsCommand(['--since', 'last tuesday', '--data-dir', dir])).rejects.toThrow(/not a date/);
  });
});
