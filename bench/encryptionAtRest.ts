/**
 * What encryption at rest costs: the same work on a plaintext and on an encrypted workspace (SQLCipher 4
 * format, 256-bit raw key). Per run and mode: open + seed the demo workspace, write conversations through
 * the engine (each with its assist run), reopen with a cold page cache and read every page (integrity
 * check) and every message, then back up and verify. Prints one JSON object with the median of the runs.
 * Usage: tsx bench/encryptionAtRest.ts [--runs 3] [--conversations 300]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { verifyBackup } from '../main/engine/dataSafety/verifyBackup.js';
import { openEngine } from '../main/engine/index.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, conversations: { type: 'string', default: '300' } } });
const runs = Number(values.runs);
const conversations = Number(values.conversations);

type Figures = Record<'seedMs' | 'writeMs' | 'coldReadMs' | 'backupMs' | 'verifyMs' | 'bytes', number>;

async function timed<T>(run: () => T | Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const value = await run();
  return [Math.round((performance.now() - started) * 10) / 10, value];
}

async function once(key: string | null): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-bench-enc-'));
  const clock = { now: () => Date.UTC(2025, 0, 1) };
  try {
    const [seedMs, engine] = await timed(() => openEngine({ dataDir: dir, seedDemo: true, clock, databaseKey: key }));
    const [writeMs] = await timed(async () => {
      for (let i = 0; i < conversations; i += 1) {
        const c = engine.conversations.create({ firstMessage: `Order question ${i}: where is my parcel? Tracking has not moved for a week.` });
        for (let m = 0; m < 4; m += 1) engine.conversations.send(c.id, m % 2 ? 'customer' : 'agent', `Message ${m} of conversation ${i}, ordinary support text of a realistic length.`);
      }
      await engine.assist.idle();
    });
    engine.close();
    const [coldReadMs] = await timed(() => {
      const reopened = openEngine({ dataDir: dir, clock, databaseKey: key });
      reopened.db.pragma('integrity_check');
      for (const c of reopened.conversations.list({ limit: 1000 })) reopened.conversations.get(c.id);
      reopened.close();
    });
    const again = openEngine({ dataDir: dir, clock, databaseKey: key });
    const [backupMs, backup] = await timed(() => again.dataSafety.createBackup(join(dir, 'bench-backup.db')));
    again.close();
    const [verifyMs] = await timed(() => verifyBackup(backup.file, { key }));
    return { seedMs, writeMs, coldReadMs, backupMs, verifyMs, bytes: statSync(join(dir, 'tandem.db')).size };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const results: Record<'plaintext' | 'encrypted', Figures[]> = { plaintext: [], encrypted: [] };
// One untimed round first: module loading and JIT warm-up would otherwise count against the first mode.
await once(null);
await once(randomBytes(32).toString('hex'));
for (let r = 0; r < runs; r += 1) {
  // Alternating keeps a slow moment on the machine from landing on one mode only.
  results.plaintext.push(await once(null));
  results.encrypted.push(await once(randomBytes(32).toString('hex')));
}
const summary = (mode: 'plaintext' | 'encrypted'): Figures =>
  Object.fromEntries((Object.keys(results[mode][0]!) as Array<keyof Figures>).map((k) => [k, median(results[mode].map((f) => f[k]))])) as Figures;
const plaintext = summary('plaintext');
const encrypted = summary('encrypted');
process.stdout.write(`${JSON.stringify({
  workload: 'encryptionAtRest',
  machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGb: Math.round(totalmem() / 1024 ** 3), node: process.version },
  runs,
  conversations,
  messagesPerConversation: 5,
  plaintext,
  encrypted,
  overheadPercent: Object.fromEntries(
    (Object.keys(plaintext) as Array<keyof Figures>).filter((k) => k !== 'bytes').map((k) => [k, Math.round(((encrypted[k] - plaintext[k]) / plaintext[k]) * 1000) / 10]),
  ),
}, null, 1)}\n`);
