/**
 * Dashboard load time with 100k conversations in the store. Generates conversations, messages, outcome
 * events, CSAT, assist results, routings and actions with bulk inserts in one transaction into a
 * temporary data dir, builds the per-conversation rollup the way the engine does (one SQL pass), then
 * times the default view: metrics.summary + metrics.timeseries (daily, last 7 days) through the
 * dispatcher, as the UI calls them. Prints one JSON object.
 *   npx tsx bench/metricsDashboard.ts [--conversations 100000] [--runs 15]
 */
import { rmSync, mkdtempSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createDispatcher } from '../main/api/dispatcher.js';
import { openEngine } from '../main/engine/index.js';

const { values } = parseArgs({ options: { conversations: { type: 'string' }, runs: { type: 'string' } } });
const N = Number(values.conversations ?? 100_000);
const RUNS = Number(values.runs ?? 15);
const DAY = 86_400_000;
const NOW = Date.UTC(2025, 5, 30, 12);
const dir = mkdtempSync(join(tmpdir(), 'tandem-bench-metrics-'));

try {
  const clock = { now: () => NOW };
  let engine = openEngine({ dataDir: dir, clock });
  const ws = engine.workspace.id;
  const intents = ['order_status', 'refund_request', 'return_exchange', 'account_update', 'billing_dispute', 'product_question'];
  const tools = ['get_order_details', 'process_refund', 'cancel_pending_order', 'modify_address'];
  // A deterministic generator so two runs measure the same store.
  let seed = 42;
  const rnd = (): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);

  const t0 = performance.now();
  const db = engine.db;
  const conv = db.prepare(`INSERT INTO conversations (workspace_id, id, subject, status, created_at, updated_at, last_message_at) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const msg = db.prepare(`INSERT INTO messages (id, conversation_id, seq, role, content, created_at) VALUES (?, ?, ?, ?, ?, ?)`);
  const outcome = db.prepare(`INSERT INTO conversation_outcomes (conversation_id, kind, assisted, source, actor, created_at) VALUES (?, ?, ?, 'agent', ?, ?)`);
  const csat = db.prepare(`INSERT INTO csat_ratings (conversation_id, score, source, created_at) VALUES (?, ?, 'api', ?)`);
  const assist = db.prepare(`INSERT INTO assist_results (conversation_id, message_id, result_json, total_ms, created_at) VALUES (?, ?, '{}', ?, ?)`);
  const routing = db.prepare(
    `INSERT INTO message_routing (message_id, conversation_id, intent, confidence, out_of_scope, sentiment_score, sentiment_label, result_json, corrected_intent, created_at) VALUES (?, ?, ?, ?, 0, 0, 'neutral', '{}', ?, ?)`,
  );
  const action = db.prepare(`INSERT INTO actions (id, workspace_id, conversation_id, tool, args_json, status, idempotency_key, created_at, updated_at) VALUES (?, ?, ?, ?, '{}', ?, ?, ?, ?)`);
  const rollup = db.prepare(
    `INSERT INTO conversation_metrics (conversation_id, workspace_id, started_at, agent, intent, queue, state, first_customer_at, first_agent_at, concluded_at, resolved_at, ever_escalated, assisted, false_resolution, csat, local_tokens, remote_tokens, assist_max_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < N; i += 1) {
      const id = `c_b${i}`;
      const start = NOW - Math.floor(rnd() * 90 * DAY); // spread over 90 days: ~7.8k in the default week
      const intent = intents[i % intents.length] as string;
      const agent = `agent${i % 12}`;
      const frt = 5_000 + Math.floor(rnd() * 60_000);
      const handle = 60_000 + Math.floor(rnd() * 300_000);
      const r = rnd();
      const kind = r < 0.62 ? 'resolved' : r < 0.92 ? 'escalated' : 'abandoned';
      conv.run(ws, id, `Bench ${intent}`, kind === 'escalated' ? 'escalated' : 'resolved', start, start + handle, start + handle);
      msg.run(`m_b${i}_1`, id, 1, 'customer', 'Where is my order?', start);
      msg.run(`m_b${i}_2`, id, 2, 'agent', 'Let me check.', start + frt);
      msg.run(`m_b${i}_3`, id, 3, 'customer', 'Thanks', start + frt + 20_000);
      outcome.run(id, kind, kind === 'resolved' ? 1 : 0, agent, start + handle);
      const score = rnd() < 0.4 ? 1 + Math.floor(rnd() * 5) : null;
      if (score !== null) csat.run(id, score, start + handle + 1000);
      assist.run(id, `m_b${i}_1`, 50 + rnd() * 400, start + 10);
      assist.run(id, `m_b${i}_3`, 50 + rnd() * 400, start + frt + 20_010);
      routing.run(`m_b${i}_1`, id, intent, 0.5 + rnd() / 2, rnd() < 0.03 ? intents[(i + 1) % intents.length] : null, start + 5);
      if (i % 3 === 0) {
        const status = ['succeeded', 'rejected', 'failed', 'succeeded'][i % 4] as string;
        action.run(`a_b${i}`, ws, id, tools[i % tools.length], status, `k_b${i}`, start + frt, start + frt);
      }
      const falseRes = kind === 'resolved' && rnd() < 0.04 ? 1 : 0;
      rollup.run(id, ws, start, agent, intent, kind === 'escalated' ? 'tier2' : null, kind, start, start + frt, start + handle,
        kind === 'resolved' ? start + handle : null, kind === 'escalated' ? 1 : 0, kind === 'resolved' ? 1 : 0, falseRes, score, 0, 0, null);
    }
  })();
  const generateMs = performance.now() - t0;
  engine.close();

  // Reopen cold, as the app does on start, so nothing is cached in the engine.
  engine = openEngine({ dataDir: dir, clock });
  const dispatcher = createDispatcher({ engine, appVersion: 'bench' });
  const defaultView = async (): Promise<number> => {
    const started = performance.now();
    const [summary, series] = await Promise.all([dispatcher.invoke('metrics.summary', {}), dispatcher.invoke('metrics.timeseries', { bucket: 'day' })]);
    const ms = performance.now() - started;
    if (!summary.ok || !series.ok) throw new Error(`dashboard call failed: ${JSON.stringify(summary.ok ? series : summary)}`);
    return ms;
  };
  const first = await defaultView();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) times.push(await defaultView());
  times.sort((a, b) => a - b);
  const monthStarted = performance.now();
  await dispatcher.invoke('metrics.summary', { from: NOW - 30 * DAY });
  await dispatcher.invoke('metrics.timeseries', { from: NOW - 30 * DAY, bucket: 'day' });
  const monthMs = performance.now() - monthStarted;
  const summary = await dispatcher.invoke('metrics.summary', {});
  if (process.env.BENCH_PROFILE) {
    const m = engine.metrics as any;
    const f = m.filter({});
    const costs = m.costSettings();
    for (const [name, run] of [
      ['headline', () => m.query.summary(f, costs)],
      ['assistant', () => m.query.assistant(f)],
      ['timeseries', () => m.query.timeseries(f, costs, 'day')],
      ['tools', () => m.query.tools(f, false)],
      ['intentCorrections', () => m.query.intentCorrections(f, false)],
      ['latency', () => m.query.latency(f, false)],
    ] as const) {
      const s = performance.now();
      for (let i = 0; i < 5; i += 1) run();
      process.stderr.write(`${name} ${((performance.now() - s) / 5).toFixed(1)} ms\n`);
    }
  }
  engine.close();
  const pick = (q: number): number => Number((times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)] ?? 0).toFixed(1));
  process.stdout.write(
    `${JSON.stringify({
      workload: {
        conversations: N,
        messages: N * 3,
        assistResults: N * 2,
        actions: Math.ceil(N / 3),
        spreadDays: 90,
        defaultView: 'metrics.summary + metrics.timeseries(day), last 7 days, no filters',
        conversationsInDefaultRange: summary.ok ? summary.value.counts.conversations : null,
        runs: RUNS,
      },
      machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGb: Math.round(totalmem() / 1024 ** 3), node: process.version },
      figures: {
        generateMs: Math.round(generateMs),
        firstLoadMs: Number(first.toFixed(1)),
        defaultViewMedianMs: pick(0.5),
        defaultViewP95Ms: pick(0.95),
        last30DaysViewMs: Number(monthMs.toFixed(1)),
        goalMs: 300,
      },
    })}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
