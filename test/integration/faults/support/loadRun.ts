/**
 * The load run: a real host (`tandem serve`) in a child process on loopback; first one conversation
 * alone, then many at once, each pushing one customer message per second through the HTTP API.
 * Assist latency is measured twice: from the WebSocket 'assist.updated' arrival (send → result) and
 * from the timings the pipeline stored. Afterwards every conversation is read back to check that no
 * message was lost or reordered. Shared by the test (small) and bench/loadTest.ts (full size).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request, Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const CLI = join(ROOT, 'main', 'cli', 'tandem.ts');

export interface LoadOptions {
  readonly conversations: number;
  readonly seconds: number;
  /** Messages in the single-conversation baseline (one per second). */
  readonly baselineMessages: number;
  /**
   * Messages sent (one per second) before the baseline and left out of every figure (default 10): the
   * first messages wait for the intent model and run code not yet optimised, and with only two of them
   * the baseline's p95 was one of those slow first runs.
   */
  readonly warmupMessages?: number;
  /** Wait for the host's start-up work (demo knowledge embedding) before measuring (default true). */
  readonly waitForStartupWork?: boolean;
}

export interface Percentiles { count: number; p50: number; p95: number; max: number }

export interface PhaseFigures {
  conversations: number;
  seconds: number;
  sent: number;
  sendErrors: number;
  /** Why sends failed (error code, HTTP status or the transport error). */
  sendErrorReasons: Record<string, number>;
  /** Messages whose assist arrived over the WebSocket (results for a later message cover earlier ones). */
  assistedOverWebSocket: Percentiles;
  /** The same, per minute of sending (by when the message was sent): shows whether a backlog builds up. */
  assistedOverWebSocketByMinute: Percentiles[];
  /** Messages covered by a later message's assist run (the pipeline skips ahead to the newest message). */
  coveredByLaterRun: number;
  storedAssistTotalMs: Percentiles;
  /** The stored timings per pipeline stage, to show where the time goes. */
  storedStageMs: Record<string, Percentiles>;
  sendRoundTripMs: Percentiles;
  achievedMessagesPerSecond: number;
}

export interface LoadReport {
  single: PhaseFigures;
  concurrent: PhaseFigures;
  stored: number;
  lost: number;
  reordered: number;
  p95RatioWebSocket: number;
  p95RatioStored: number;
}

const CUSTOMER_LINES = [
  'Hi, where is my order? It was supposed to arrive yesterday.',
  'I want a refund, the kettle arrived broken.',
  'Can I change the delivery address on my order?',
  'How long do returns take to process?',
  'My tracking number has not updated in four days.',
  'I was charged twice for the same order, please help.',
  'Can I exchange the shoes for a bigger size?',
  'This is the third time I ask, nobody answers. I am really upset.',
];

export function percentiles(samples: readonly number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => (sorted.length === 0 ? 0 : Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 10) / 10);
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), max: at(1) };
}

export interface Host { port: number; token: string; child: ChildProcess; dataDir: string }

/** `tandem serve` from source as a child process on a data folder (a new temporary one unless given). */
export async function startHost(options: { readonly dataDir?: string; readonly extraArgs?: readonly string[] } = {}): Promise<Host> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tandem-load-'));
  const token = randomBytes(24).toString('hex');
  // TANDEM_LOAD_CPU_PROFILE=<folder> writes V8 CPU profiles of the host (main thread and workers) there.
  const profileDir = process.env['TANDEM_LOAD_CPU_PROFILE'];
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', CLI, 'serve', '--port', '0', '--data-dir', dataDir, '--token', token, ...(options.extraArgs ?? [])], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TANDEM_DATA_DIR: '' },
  });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Tandem is running at http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`the host exited (code ${code}) before listening:\n${output.slice(-2000)}`)));
  });
  return { port, token, child, dataDir };
}

/** Stops the host and removes its data folder. */
export async function stopHost(host: Host): Promise<void> {
  const exited = new Promise((resolve) => host.child.once('exit', resolve));
  host.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (host.child.exitCode === null && host.child.signalCode === null) host.child.kill('SIGKILL');
  rmSync(host.dataDir, { recursive: true, force: true });
}

const agent = new Agent({ keepAlive: true, maxSockets: 128 });

function api(host: Host, method: string, path: string, body?: unknown): Promise<{ status: number; json: { ok?: boolean; value?: unknown } }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = request(
      { host: '127.0.0.1', port: host.port, method, path, agent, headers: { Host: `127.0.0.1:${host.port}`, Authorization: `Bearer ${host.token}`, ...(data ? { 'Content-Type': 'application/json', 'Content-Length': data.length } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as { ok?: boolean; value?: unknown } });
          } catch (error) {
            reject(error as Error);
          }
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** What one conversation sent and when, to match assist results and check the stored order. */
interface Tracked {
  id: string;
  sent: { content: string; seq: number; at: number }[];
  pending: Map<number, number>;
  latencies: number[];
  /** Send time and latency of each assisted message, for the per-minute figures. */
  samples: { at: number; ms: number }[];
  covered: number;
}

/** Background tasks the host reported over the socket (demo knowledge import, intent model training). */
interface HostTasks {
  readonly unfinished: Set<string>;
  lastEventAt: number;
}

function watchAssist(host: Host, tracked: Map<string, Tracked>, tasks: HostTasks): Promise<WebSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api/v1/events?token=${host.token}`, { headers: { Host: `127.0.0.1:${host.port}` } });
  socket.on('message', (data: Buffer) => {
    const now = performance.now();
    const event = JSON.parse(data.toString()) as { type: string; conversationId?: string; result?: { messageSeq: number }; taskId?: string; finished?: boolean };
    if (event.type === 'progress' && event.taskId) {
      tasks.lastEventAt = now;
      if (event.finished) tasks.unfinished.delete(event.taskId);
      else tasks.unfinished.add(event.taskId);
    }
    if (event.type !== 'assist.updated' || !event.conversationId || !event.result) return;
    const conversation = tracked.get(event.conversationId);
    if (!conversation) return;
    for (const [seq, at] of conversation.pending) {
      if (seq > event.result.messageSeq) continue;
      conversation.pending.delete(seq);
      if (seq === event.result.messageSeq) {
        conversation.latencies.push(now - at);
        conversation.samples.push({ at, ms: now - at });
      }
      else conversation.covered++;
    }
  });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

async function runPhase(host: Host, tracked: Map<string, Tracked>, conversations: number, seconds: number, label: string): Promise<PhaseFigures> {
  const mine: Tracked[] = [];
  for (let i = 0; i < conversations; i++) {
    const created = await api(host, 'POST', '/api/v1/conversations', { customerRef: `load-${label}-${i}@example.com`, subject: `Load ${label} ${i}` });
    if (!created.json.ok) throw new Error(`could not create a conversation: ${JSON.stringify(created.json)}`);
    const t: Tracked = { id: (created.json.value as { id: string }).id, sent: [], pending: new Map(), latencies: [], samples: [], covered: 0 };
    tracked.set(t.id, t);
    mine.push(t);
  }
  const roundTrips: number[] = [];
  let sendErrors = 0;
  const sendErrorReasons: Record<string, number> = {};
  const failed = (reason: string): void => {
    sendErrors++;
    sendErrorReasons[reason] = (sendErrorReasons[reason] ?? 0) + 1;
  };
  const started = performance.now();
  await Promise.all(
    mine.map(async (conversation, index) => {
      // Spread the conversations over the first second so they do not all send on the same tick.
      const offset = (index / conversations) * 1000;
      for (let k = 0; k < seconds; k++) {
        const due = started + offset + k * 1000;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const content = `${CUSTOMER_LINES[(index + k) % CUSTOMER_LINES.length]} (${label} ${index}.${k})`;
        const at = performance.now();
        try {
          const response = await api(host, 'POST', `/api/v1/conversations/${conversation.id}/messages`, { content });
          roundTrips.push(performance.now() - at);
          if (!response.json.ok) {
            failed(`${response.status} ${(response.json as { error?: { code?: string } }).error?.code ?? ''}`);
            continue;
          }
          const seq = (response.json.value as { seq: number }).seq;
          conversation.sent.push({ content, seq, at });
          conversation.pending.set(seq, at);
        } catch (error) {
          failed((error as Error).message);
        }
      }
    }),
  );
  const sendingSeconds = (performance.now() - started) / 1000;
  // Let the last assist runs arrive (bounded).
  const deadline = performance.now() + 60_000;
  while (mine.some((c) => c.pending.size > 0) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));

  const stored: number[] = [];
  const stages = new Map<string, number[]>();
  for (const conversation of mine) {
    const history = await api(host, 'POST', '/api/v1/rpc/assist.history', { conversationId: conversation.id });
    for (const result of (history.json.value as { timings: Record<string, number> }[] | undefined) ?? []) {
      stored.push(result.timings['total'] ?? 0);
      for (const [stage, ms] of Object.entries(result.timings)) if (stage !== 'total') stages.set(stage, [...(stages.get(stage) ?? []), ms]);
    }
  }
  const sent = mine.reduce((n, c) => n + c.sent.length, 0);
  return {
    conversations, seconds, sent, sendErrors, sendErrorReasons,
    assistedOverWebSocket: percentiles(mine.flatMap((c) => c.latencies)),
    assistedOverWebSocketByMinute: byMinute(mine.flatMap((c) => c.samples), started),
    coveredByLaterRun: mine.reduce((n, c) => n + c.covered, 0),
    storedAssistTotalMs: percentiles(stored),
    storedStageMs: Object.fromEntries([...stages].map(([stage, ms]) => [stage, percentiles(ms)])),
    sendRoundTripMs: percentiles(roundTrips),
    achievedMessagesPerSecond: Math.round((sent / sendingSeconds) * 10) / 10,
  };
}

function byMinute(samples: readonly { at: number; ms: number }[], started: number): Percentiles[] {
  const minutes: number[][] = [];
  for (const { at, ms } of samples) (minutes[Math.max(0, Math.floor((at - started) / 60_000))] ??= []).push(ms);
  return Array.from(minutes, (m) => percentiles(m ?? []));
}

/**
 * Waits (bounded) until the host's start-up work is done: the demo knowledge base is embedded in the
 * background after start (about 15 s here), and a baseline measured meanwhile had its slowest runs
 * waiting behind that bulk embedding. Done means every chunk has its vector, no task reported over the
 * socket is unfinished, and none reported progress for two seconds.
 */
async function waitUntilPrepared(host: Host, tasks: HostTasks): Promise<void> {
  const deadline = performance.now() + 180_000;
  while (performance.now() < deadline) {
    const status = (await api(host, 'POST', '/api/v1/rpc/knowledge.status', {})).json.value as { chunks: number; vectors: number; embedderId: string | null } | undefined;
    const embedded = !status || status.embedderId === null || status.vectors >= status.chunks;
    if (embedded && tasks.unfinished.size === 0 && performance.now() - tasks.lastEventAt > 2000) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Reads every conversation back: each sent message stored once, in the order sent, with rising seq. */
async function checkStored(host: Host, tracked: Map<string, Tracked>): Promise<{ stored: number; lost: number; reordered: number }> {
  let stored = 0;
  let lost = 0;
  let reordered = 0;
  for (const conversation of tracked.values()) {
    const read = await api(host, 'GET', `/api/v1/conversations/${conversation.id}`);
    const messages = ((read.json.value as { messages: { seq: number; role: string; content: string }[] }).messages).filter((m) => m.role === 'customer');
    const contents = messages.map((m) => m.content);
    stored += conversation.sent.filter((s) => contents.includes(s.content)).length;
    lost += conversation.sent.filter((s) => !contents.includes(s.content)).length;
    const order = conversation.sent.map((s) => contents.indexOf(s.content)).filter((i) => i >= 0);
    for (let i = 1; i < order.length; i++) if (order[i]! <= order[i - 1]!) reordered++;
    for (let i = 1; i < messages.length; i++) if (messages[i]!.seq <= messages[i - 1]!.seq) reordered++;
  }
  return { stored, lost, reordered };
}

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const host = await startHost();
  const tracked = new Map<string, Tracked>();
  let socket: WebSocket | null = null;
  try {
    const tasks: HostTasks = { unfinished: new Set(), lastEventAt: performance.now() };
    socket = await watchAssist(host, tracked, tasks);
    if (options.waitForStartupWork ?? true) await waitUntilPrepared(host, tasks);
    // Warm-up: the first messages wait for the intent model and run cold code; they are not part of any figure.
    const before = new Set(tracked.keys());
    await runPhase(host, tracked, 1, options.warmupMessages ?? 10, 'warmup');
    for (const id of tracked.keys()) if (!before.has(id)) tracked.delete(id);
    const single = await runPhase(host, tracked, 1, options.baselineMessages, 'single');
    const concurrent = await runPhase(host, tracked, options.conversations, options.seconds, 'concurrent');
    const check = await checkStored(host, tracked);
    const ratio = (a: number, b: number): number => (b > 0 ? Math.round((a / b) * 100) / 100 : 0);
    return {
      single, concurrent, ...check,
      p95RatioWebSocket: ratio(concurrent.assistedOverWebSocket.p95, single.assistedOverWebSocket.p95),
      p95RatioStored: ratio(concurrent.storedAssistTotalMs.p95, single.storedAssistTotalMs.p95),
    };
  } finally {
    socket?.close();
    agent.destroy();
    await stopHost(host);
  }
}
