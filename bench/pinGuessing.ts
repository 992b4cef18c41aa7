/**
 * PIN guessing against a real host (`tandem serve`, child process, loopback only): how many wrong PINs
 * are checked before the lockout, and the latency of `app.info` while 20 wrong PINs a second arrive.
 * Three phases of the same length, each measuring app.info every 50 ms:
 *   baseline — no PIN traffic;
 *   one supervisor — 20 wrong PINs/s at one supervisor and one action (locked after 5: no PIN is hashed);
 *   spread — 20 wrong PINs/s spread over 40 supervisors and 40 actions, so every attempt until each
 *            one's lockout runs scrypt (the worst case for the event loop).
 * Prints one JSON object. Usage: npx tsx bench/pinGuessing.ts [--seconds 10]
 */
import { mkdtempSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openEngine } from '../main/engine/index.js';
import { findDeliveredOrder } from '../test/integration/engine/actions/actionsTestEngine.js';
import { startHost, stopHost, type Host } from '../test/integration/faults/support/loadRun.js';

const SUPERVISORS = 40;
const RATE_PER_SECOND = 20;

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' } } });
const seconds = Number(values.seconds);
if (!(seconds >= 2 && seconds <= 120)) throw new Error('--seconds 2–120');

/** A demo workspace with 40 supervisors and 40 refunds over $100 waiting for one (built before the host starts). */
async function prepare(dataDir: string): Promise<string[]> {
  const engine = openEngine({ dataDir, seedDemo: true });
  try {
    for (let i = 0; i < SUPERVISORS; i += 1) await engine.actions.authority.adminSetPin(engine.workspace.id, `Supervisor ${i}`, '86420', 'bench');
    const actionIds: string[] = [];
    let exclude = '';
    for (let i = 0; i < SUPERVISORS; i += 1) {
      const order = findDeliveredOrder(engine, 20_000, 500_000, exclude);
      exclude = order.customerId;
      const conversation = engine.conversations.create({ firstMessage: `Refund ${order.orderId}` });
      await engine.actions.verification.confirm(conversation.id, { email: order.email }, order.customerId, 'bench');
      const action = await engine.actions.service.proposeByAgent(conversation.id, 'process_refund', { order_id: order.orderId, amount_cents: 15_000, reason: 'bench' }, 'bench');
      actionIds.push(action.id);
    }
    return actionIds;
  } finally {
    engine.close();
  }
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function rpc(host: Host, method: string, input: unknown): Promise<{ ms: number; code: string | null }> {
  const started = performance.now();
  const body = Buffer.from(JSON.stringify(input));
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, method: 'POST', path: `/api/v1/rpc/${method}`, agent,
        headers: { Host: `127.0.0.1:${host.port}`, Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json', 'Content-Length': body.length } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { ok: boolean; error?: { code: string } };
          resolve({ ms: performance.now() - started, code: json.ok ? null : (json.error?.code ?? 'E_?') });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function summary(samples: number[]): { count: number; p50: number; p95: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 10) / 10;
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), max: at(1) };
}

/** Measures app.info every 50 ms for the phase while `attack` fires RATE_PER_SECOND times a second. */
async function phase(host: Host, attack: ((n: number) => Promise<string | null>) | null): Promise<Record<string, unknown>> {
  const latencies: number[] = [];
  const codes: Record<string, number> = {};
  const attempts: Promise<unknown>[] = [];
  const end = Date.now() + seconds * 1000;
  let n = 0;
  const timer = attack
    ? setInterval(() => {
        const i = n++;
        attempts.push(attack(i).then((code) => (codes[code ?? 'ok'] = (codes[code ?? 'ok'] ?? 0) + 1)));
      }, 1000 / RATE_PER_SECOND)
    : null;
  while (Date.now() < end) {
    latencies.push((await rpc(host, 'app.info', {})).ms);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (timer) clearInterval(timer);
  await Promise.all(attempts);
  return { appInfoMs: summary(latencies), pinAttempts: n, answers: codes };
}

const dataDir = mkdtempSync(join(tmpdir(), 'tandem-pin-bench-'));
const actionIds = await prepare(dataDir);
// --no-demo on a seeded folder: the demo workspace without its background knowledge indexing.
const host = await startHost({ dataDir, extraArgs: ['--no-demo'] });
try {
  await rpc(host, 'app.info', {}); // warm-up
  const approve = (supervisor: number, action: number, pin: string) =>
    rpc(host, 'actions.approve', { actionId: actionIds[action]!, supervisor: { name: `Supervisor ${supervisor}`, pin } }).then((r) => r.code);
  const baseline = await phase(host, null);

  // Wrong PINs before the lockout, counted on the wire.
  let wrongBeforeLockout = 0;
  for (;;) {
    const code = await approve(0, 0, String(1000 + wrongBeforeLockout));
    if (code !== 'E_BAD_PIN') break;
    wrongBeforeLockout += 1;
  }
  const oneSupervisor = await phase(host, (i) => approve(0, 0, String(2000 + i)));
  const spread = await phase(host, (i) => approve(1 + (i % (SUPERVISORS - 1)), 1 + (i % (SUPERVISORS - 1)), String(3000 + i)));
  process.stdout.write(`${JSON.stringify({
    workload: `app.info every 50 ms for ${seconds} s per phase against a tandem serve child process (demo workspace, ${SUPERVISORS} supervisors, ${SUPERVISORS} refunds awaiting a supervisor); ${RATE_PER_SECOND} wrong PINs/s at one supervisor, then spread over ${SUPERVISORS - 1} supervisors and actions`,
    machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, loadAverage: loadavg().map((l) => Math.round(l * 100) / 100) },
    wrongPinsBeforeLockout: wrongBeforeLockout,
    baseline,
    oneSupervisor,
    spread,
  }, null, 2)}\n`);
} finally {
  await stopHost(host);
}
