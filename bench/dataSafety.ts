/**
 * Data safety figures: online backup + verification of the demo workspace and of a grown one, and a
 * retention purge. Prints one JSON object. Usage: tsx bench/dataSafety.ts [--conversations N]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { verifyBackup } from '../main/engine/dataSafety/verifyBackup.js';
import { openEngine } from '../main/engine/index.js';

const { values } = parseArgs({ options: { conversations: { type: 'string', default: '2000' } } });
const extra = Number(values.conversations);
const dir = mkdtempSync(join(tmpdir(), 'tandem-bench-ds-'));
let clockNow = Date.UTC(2025, 0, 1);
const clock = { now: () => clockNow };

try {
  const engine = openEngine({ dataDir: dir, seedDemo: true, clock });
  const time = async <T>(run: () => T | Promise<T>): Promise<{ ms: number; value: T }> => {
    const started = performance.now();
    const value = await run();
    return { ms: Math.round((performance.now() - started) * 10) / 10, value };
  };
  const demo = await time(() => engine.dataSafety.createBackup(join(dir, 'demo-backup.db')));
  const demoVerify = await time(() => verifyBackup(demo.value.file));

  const insert = engine.db.transaction(() => {
    for (let i = 0; i < extra; i += 1) {
      const c = engine.conversations.create({ firstMessage: `Order question ${i}: where is my parcel? It was due last week and tracking has not moved.` });
      for (let m = 0; m < 4; m += 1) engine.conversations.send(c.id, m % 2 ? 'agent' : 'customer', `Message ${m} of conversation ${i}, with some ordinary support text to give it a realistic size.`);
    }
  });
  insert();
  // Each customer message queues an assist run; let them finish so the figure is the backup alone.
  const settle = await time(async () => {
    await engine.assist.idle();
    // Other background work (intent model, metrics) also runs on the event loop the backup steps share;
    // wait until the loop has been quiet for ten ticks in a row (at most a minute).
    let quiet = 0;
    const deadline = performance.now() + 60_000;
    while (quiet < 10 && performance.now() < deadline) {
      const before = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 5));
      quiet = performance.now() - before < 30 ? quiet + 1 : 0;
    }
  });
  clockNow += 100 * 86_400_000;
  const grown = await time(() => engine.dataSafety.createBackup(join(dir, 'grown-backup.db')));
  const grownVerify = await time(() => verifyBackup(grown.value.file));
  const purge = await time(() => engine.dataSafety.purge({ days: 30, actor: 'bench', vacuum: false }));
  engine.close();

  process.stdout.write(`${JSON.stringify({
    workload: 'dataSafety',
    machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGb: Math.round(totalmem() / 1024 ** 3), node: process.version },
    demo: { bytes: demo.value.bytes, backupMs: demo.ms, verifyMs: demoVerify.ms, ok: demoVerify.value.ok },
    grown: { conversations: extra, assistSettleMs: settle.ms, messagesPerConversation: 5, bytes: grown.value.bytes, backupMs: grown.ms, verifyMs: grownVerify.ms, ok: grownVerify.value.ok },
    purge: { conversations: purge.value.conversations, messages: purge.value.messages, ms: purge.ms },
  }, null, 1)}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
