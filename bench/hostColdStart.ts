/**
 * Cold start of the headless host: time from spawning `tandem serve` to the first 200 for GET / (the
 * served page). "cold_first_run" uses a fresh data directory each time, so it includes creating the
 * database and seeding the demo workspace; "warm" reuses an already-seeded directory.
 * Run after `npm run build`:  npx tsx bench/hostColdStart.ts [--runs 5]
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CLI = join(ROOT, 'dist', 'main', 'cli', 'tandem.js');

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const RUNS = Number(values.runs);
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('--runs must be a positive integer');
if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first.`);
if (!existsSync(join(ROOT, 'dist', 'renderer', 'index.html'))) throw new Error('The UI is not built: run "npm run build" first.');

/** GET / once; resolves with the status code (0 when the connection fails). */
function getStatus(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/', headers: { Host: `127.0.0.1:${port}` }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

/** Spawns the host, waits for its first 200 on GET /, stops it; returns the elapsed milliseconds. */
async function timeToFirstPage(dataDir: string): Promise<number> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TANDEM_DATA_DIR: '' },
  });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Tandem is running at http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
        if (match) resolve(Number(match[1]));
      });
      void exited.then((code) => reject(new Error(`The host exited (code ${code}) before listening:\n${output}`)));
    });
    // The URL is printed once the server listens; poll in case the first request races the log line.
    for (;;) {
      const status = await getStatus(port);
      if (status === 200) break;
      if (status !== 0) throw new Error(`GET / answered ${status}:\n${output}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    return Number(process.hrtime.bigint() - started) / 1e6;
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

function summary(samples: number[]): { median: number; min: number; max: number; samples: number[] } {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const round = (n: number): number => Math.round(n);
  return { median: round(median), min: round(sorted[0]!), max: round(sorted.at(-1)!), samples: samples.map(round) };
}

const scratch = mkdtempSync(join(tmpdir(), 'tandem-bench-cold-'));
try {
  const cold: number[] = [];
  for (let i = 0; i < RUNS; i++) cold.push(await timeToFirstPage(join(scratch, `fresh-${i}`)));

  const seeded = join(scratch, 'seeded');
  const seed = spawnSync(process.execPath, [CLI, 'seed', '--data-dir', seeded], { encoding: 'utf8' });
  if (seed.status !== 0) throw new Error(`Seeding failed: ${seed.stderr}`);
  await timeToFirstPage(seeded); // one unmeasured start, so every measured warm run sees the same state
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) warm.push(await timeToFirstPage(seeded));

  const cpu = cpus();
  process.stdout.write(
    `${JSON.stringify({
      workload: `headless host (node dist/main/cli/tandem.js serve --port 0): spawn → first 200 for GET /; ${RUNS} runs on fresh data dirs (creates the database and seeds the demo workspace: 500 customers, 1,000 orders, 50 products, 7 conversations) and ${RUNS} on an already-seeded data dir`,
      machine: {
        cpu: cpu[0]?.model ?? 'unknown',
        cores: cpu.length,
        memGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
        node: process.version,
      },
      figures: { cold_first_run_ms: summary(cold), warm_ms: summary(warm) },
    })}\n`,
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
