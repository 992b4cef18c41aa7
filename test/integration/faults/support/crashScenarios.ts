/**
 * The crash suite's scenarios: each prepares a data directory, runs the child that does the work,
 * kills it with SIGKILL at a seeded random moment (or at a seeded execution hook), then reopens the
 * data directory and lists every broken promise it finds. Shared by the test (a few iterations) and
 * bench/crashSuite.ts (many).
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { openEngine, type Engine } from '../../../../main/engine/index.js';
import { openDatabase } from '../../../../main/engine/store/database.js';
import { MIGRATIONS } from '../../../../main/engine/store/migrations/index.js';
import { seedDemoWorkspace } from '../../../../main/engine/demo/seedDemoWorkspace.js';
import { systemClock } from '../../../../main/engine/clock.js';
import { hashEmbedder } from '../../../support/hashEmbedder.js';

export type CrashScenario = 'ingest' | 'refund' | 'draft' | 'migrate';
export const CRASH_SCENARIOS: readonly CrashScenario[] = ['ingest', 'refund', 'draft', 'migrate'];

const CHILD = fileURLToPath(new URL('./crashChild.ts', import.meta.url));
const DOCUMENTS = 24;

/** Seeded PRNG (mulberry32): the same seed kills at the same moments. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A prepared data directory to copy per iteration, and what the child is told to work on. */
interface Template {
  readonly dir: string;
  readonly arg: string;
  readonly orders: readonly { actionId: string; orderId: string }[];
}

export interface CrashSuite {
  readonly root: string;
  readonly templates: Record<CrashScenario, Template>;
  /** How long the uninterrupted work takes after "go", measured once per scenario (ms). */
  readonly durations: Partial<Record<CrashScenario, number>>;
  dispose(): void;
}

export interface IterationResult {
  readonly scenario: CrashScenario;
  readonly seed: number;
  readonly killedBy: 'timer' | 'hook' | 'none';
  readonly killDelayMs: number | null;
  readonly signal: string | null;
  readonly problems: readonly string[];
}

export async function prepareCrashSuite(): Promise<CrashSuite> {
  const root = mkdtempSync(join(tmpdir(), 'tandem-crash-suite-'));
  const folder = join(root, 'articles');
  mkdirSync(folder);
  for (let i = 0; i < DOCUMENTS; i++) {
    writeFileSync(join(folder, `article-${String(i).padStart(2, '0')}.md`), `# Article ${i}\n\n${`Returns policy paragraph ${i} about refunds and exchanges. `.repeat(60 + i * 7)}`);
  }
  const templates = {
    ingest: { dir: emptyTemplate(join(root, 'ingest')), arg: folder, orders: [] },
    refund: await refundTemplate(join(root, 'refund')),
    draft: draftTemplate(join(root, 'draft')),
    migrate: { dir: versionOneTemplate(join(root, 'migrate')), arg: '-', orders: [] },
  } satisfies Record<CrashScenario, Template>;
  return { root, templates, durations: {}, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

function emptyTemplate(dir: string): string {
  openEngine({ dataDir: dir, embedder: hashEmbedder({ dimension: 64 }) }).close();
  return dir;
}

async function refundTemplate(dir: string): Promise<Template> {
  const engine = openEngine({ dataDir: dir, seedDemo: true });
  try {
    const rows = engine.db
      .prepare(
        `SELECT o.id AS orderId, o.customer_id AS customerId FROM orders o
         WHERE o.workspace_id = ? AND o.status = 'delivered'
           AND (SELECT SUM(amount_cents) FROM order_payments p WHERE p.workspace_id = o.workspace_id AND p.order_id = o.id AND transaction_type = 'payment') BETWEEN 6000 AND 50000
           AND NOT EXISTS (SELECT 1 FROM order_payments p WHERE p.workspace_id = o.workspace_id AND p.order_id = o.id AND transaction_type = 'refund')
         ORDER BY o.id LIMIT 4`,
      )
      .all(engine.workspace.id) as { orderId: string; customerId: string }[];
    if (rows.length < 4) throw new Error('the demo data has too few delivered orders for the refund scenario');
    const orders = [];
    for (const row of rows) {
      const conversation = engine.conversations.create({ firstMessage: `Please refund $25 for ${row.orderId}, it arrived damaged.` });
      engine.db.prepare(`UPDATE conversations SET customer_id = ?, verified = 1 WHERE id = ?`).run(row.customerId, conversation.id);
      const action = await engine.actions.service.proposeByAgent(conversation.id, 'process_refund', { order_id: row.orderId, amount_cents: 2500, reason: 'damaged' }, 'agent:ana');
      orders.push({ actionId: action.id, orderId: row.orderId });
    }
    await engine.assist.idle();
    return { dir, arg: orders.map((o) => o.actionId).join(','), orders };
  } finally {
    engine.close();
  }
}

function draftTemplate(dir: string): Template {
  const engine = openEngine({ dataDir: dir, seedDemo: true });
  try {
    const ids = engine.conversations.list({ limit: 6 }).map((c) => c.id);
    return { dir, arg: ids.join(','), orders: [] };
  } finally {
    engine.close();
  }
}

/** A database at schema version 1 holding the demo seed, as an old install would have it. */
function versionOneTemplate(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const { db } = openDatabase(join(dir, 'tandem.db'), { migrations: MIGRATIONS.slice(0, 1) });
  try {
    seedDemoWorkspace(db, systemClock);
  } finally {
    db.close();
  }
  return dir;
}

/** Runs one iteration: copy, run the child, kill it, check. */
export async function runCrashIteration(suite: CrashSuite, scenario: CrashScenario, seed: number): Promise<IterationResult> {
  const random = seededRandom(seed);
  const template = suite.templates[scenario];
  const dataDir = join(suite.root, `run-${scenario}-${seed}`);
  cpSync(template.dir, dataDir, { recursive: true });
  try {
    const calibrating = suite.durations[scenario] === undefined;
    // Refunds: half the kills land on an execution hook (between intent, effect and commit), half on a timer.
    const hook = !calibrating && scenario === 'refund' && random() < 0.5 ? 1 + Math.floor(random() * template.orders.length * 3) : 0;
    const killDelayMs = calibrating || hook ? null : Math.floor(random() * (suite.durations[scenario] ?? 0));
    const run = await runChild(scenario, dataDir, template.arg, hook, killDelayMs);
    if (calibrating) {
      if (run.code !== 0) return { scenario, seed, killedBy: 'none', killDelayMs, signal: run.signal, problems: [`uninterrupted run failed: ${run.stderr.slice(-400)}`] };
      (suite.durations as Record<CrashScenario, number>)[scenario] = Math.max(20, run.workMs);
    }
    const problems = await checkAfterCrash(scenario, dataDir, template);
    if (!calibrating && run.signal !== 'SIGKILL' && run.code !== 0) problems.push(`child failed without being killed: ${run.stderr.slice(-400)}`);
    return { scenario, seed, killedBy: calibrating ? 'none' : hook ? 'hook' : 'timer', killDelayMs, signal: run.signal, problems };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

interface ChildRun { code: number | null; signal: string | null; workMs: number; stderr: string }

function runChild(scenario: CrashScenario, dataDir: string, arg: string, hook: number, killDelayMs: number | null): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, scenario, dataDir, arg, String(hook)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let startedAt = 0;
    let stderr = '';
    let stdout = '';
    const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.stderr.on('data', (data: Buffer) => { stderr += data.toString(); });
    child.stdout.on('data', (data: Buffer) => {
      stdout += data.toString();
      if (startedAt === 0 && stdout.includes('go\n')) {
        startedAt = performance.now();
        if (killDelayMs !== null) setTimeout(() => child.kill('SIGKILL'), killDelayMs);
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, workMs: startedAt ? performance.now() - startedAt : 0, stderr });
    });
  });
}

/** Every promise the product makes about a crash, checked on the files the killed process left. */
export async function checkAfterCrash(scenario: CrashScenario, dataDir: string, template: Template): Promise<string[]> {
  const problems: string[] = [];
  const raw = new BetterSqlite3(join(dataDir, 'tandem.db'));
  try {
    const integrity = raw.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
    const version = raw.pragma('user_version', { simple: true }) as number;
    if (scenario === 'migrate' && (version < 1 || version > MIGRATIONS.length)) problems.push(`schema version ${version} after a crash`);
  } finally {
    raw.close();
  }
  let engine: Engine;
  try {
    engine = openEngine({ dataDir, seedDemo: scenario !== 'ingest', embedder: hashEmbedder({ dimension: 64 }) });
  } catch (error) {
    return [...problems, `the data directory does not open: ${(error as Error).message}`];
  }
  try {
    if (!engine.actions.audit.verify().ok) problems.push('audit chain does not verify');
    if (scenario === 'migrate') problems.push(...checkMigrated(engine));
    if (scenario === 'ingest') problems.push(...(await checkIngest(engine, template)));
    if (scenario === 'refund') problems.push(...(await checkRefunds(engine, template)));
    if (scenario === 'draft') problems.push(...checkDrafts(engine, template));
    if (!engine.actions.audit.verify().ok) problems.push('audit chain does not verify after the work was finished');
  } finally {
    engine.close();
  }
  return problems;
}

function checkMigrated(engine: Engine): string[] {
  const problems: string[] = [];
  if (engine.db.pragma('user_version', { simple: true }) !== MIGRATIONS.length) problems.push('reopening did not finish the migration');
  const customers = engine.db.prepare(`SELECT count(*) AS n FROM customers WHERE workspace_id = 'demo'`).get() as { n: number };
  if (customers.n === 0) problems.push('demo customers lost in the migration');
  return problems;
}

export function halfIndexedDocuments(engine: Engine): string[] {
  const rows = engine.db
    .prepare(
      `SELECT d.id, d.chunk_count AS expected,
              (SELECT count(*) FROM knowledge_chunks c WHERE c.document_id = d.id) AS chunks,
              (SELECT count(*) FROM knowledge_chunks c JOIN knowledge_fts f ON f.rowid = c.id WHERE c.document_id = d.id) AS fts,
              (SELECT count(*) FROM knowledge_chunks c JOIN knowledge_vectors v ON v.chunk_id = c.id WHERE c.document_id = d.id) AS vectors
       FROM knowledge_documents d`,
    )
    .all() as { id: number; expected: number; chunks: number; fts: number; vectors: number }[];
  const broken = rows
    .filter((r) => r.chunks !== r.expected || r.fts !== r.expected || (r.vectors !== 0 && r.vectors !== r.expected))
    .map((r) => `document ${r.id}: ${r.expected} chunks recorded, ${r.chunks} stored, ${r.fts} in FTS, ${r.vectors} vectors`);
  const orphanFts = engine.db.prepare(`SELECT count(*) AS n FROM knowledge_fts WHERE rowid NOT IN (SELECT id FROM knowledge_chunks)`).get() as { n: number };
  if (orphanFts.n > 0) broken.push(`${orphanFts.n} FTS rows without a chunk`);
  return broken;
}

async function checkIngest(engine: Engine, template: Template): Promise<string[]> {
  await engine.knowledgeReady;
  const problems = halfIndexedDocuments(engine);
  const before = engine.knowledge.documents().length;
  const report = await engine.knowledge.startImport([template.arg]).done;
  if (report.unchanged !== before || report.imported !== DOCUMENTS - before) problems.push(`re-import after the crash: ${JSON.stringify(report)} with ${before} documents kept`);
  problems.push(...halfIndexedDocuments(engine));
  if (engine.knowledge.documents().length !== DOCUMENTS) problems.push(`${engine.knowledge.documents().length} of ${DOCUMENTS} documents after re-import`);
  return problems;
}

function refundCount(engine: Engine, orderId: string): number {
  return (engine.db
    .prepare(`SELECT count(*) AS n FROM order_payments WHERE workspace_id = ? AND order_id = ? AND transaction_type = 'refund'`)
    .get(engine.workspace.id, orderId) as { n: number }).n;
}

async function checkRefunds(engine: Engine, template: Template): Promise<string[]> {
  const problems: string[] = [];
  for (const { actionId, orderId } of template.orders) {
    const action = engine.actions.service.get(actionId);
    const refunds = refundCount(engine, orderId);
    if (refunds !== (action.status === 'succeeded' ? 1 : 0)) problems.push(`action ${actionId} is ${action.status} with ${refunds} refunds on ${orderId}`);
    if (action.status !== 'succeeded' && action.status !== 'proposed') problems.push(`action ${actionId} left ${action.status} after a restart`);
    // The agent approves again: each refund happens exactly once in the end.
    const again = await engine.actions.service.approve(actionId, { actor: 'agent:ana' });
    if (again.status !== 'succeeded' || refundCount(engine, orderId) !== 1) problems.push(`re-approving ${actionId}: ${again.status}, ${refundCount(engine, orderId)} refunds`);
  }
  return problems;
}

function checkDrafts(engine: Engine, template: Template): string[] {
  const problems: string[] = [];
  const stuck = engine.db.prepare(`SELECT count(*) AS n FROM drafts WHERE status = 'generating'`).get() as { n: number };
  if (stuck.n > 0) problems.push(`${stuck.n} drafts still 'generating' after a restart`);
  for (const conversationId of template.arg.split(',')) {
    const open = engine.db.prepare(`SELECT count(*) AS n FROM drafts WHERE conversation_id = ? AND status IN ('ready', 'generating')`).get(conversationId) as { n: number };
    if (open.n > 1) problems.push(`conversation ${conversationId} has ${open.n} open drafts`);
  }
  return problems;
}
