import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(REPO_ROOT, 'dist', 'main', 'cli', 'tandem.js');
const GUARD = join(REPO_ROOT, 'test', 'e2e', 'support', 'loopbackOnly.mjs');

export interface RunningHost {
  /** http://127.0.0.1:<port>/ */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly dataDir: string;
  /**
   * A new one-time sign-in link (the host's browser session cookie comes from opening it). Pages never
   * get the token: a test opens the app with `openWorkspace`, which uses this.
   */
  launchUrl(): Promise<string>;
  /** stdout + stderr so far, for failure messages. */
  output(): string;
  /** SIGTERM and wait for a clean exit (the host closes its database on the way out). */
  stop(): Promise<number | null>;
}

export interface HostHarness {
  readonly dataDir: string;
  /** Non-loopback connection attempts the host made (one JSON line each); the suite expects none. */
  readonly netLogFile: string;
  start(): Promise<RunningHost>;
  /** Stops the running host, if any (the data directory stays). */
  stop(): Promise<void>;
  /** Stops the running host (if any) and starts a new one on the same data directory. */
  restart(): Promise<RunningHost>;
  current(): RunningHost | null;
  netAttempts(): string[];
  /** Stops the host and removes the data directory. */
  dispose(): Promise<void>;
}

/**
 * Runs the built headless host (`tandem serve --port 0`) as a child process on a fresh temporary data
 * directory, with a preload that records and refuses any non-loopback network use. Builds nothing:
 * `npm run test:e2e` is run after `npm run build`.
 */
export function hostHarness(label = 'tandem-e2e', options: { readonly env?: Readonly<Record<string, string>> } = {}): HostHarness {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" before the end-to-end suite.`);
  const dataDir = mkdtempSync(join(tmpdir(), `${label}-`));
  const netLogFile = join(dataDir, '..', `${label}-${process.pid}-${Date.now()}-net.log`);
  writeFileSync(netLogFile, '');
  let running: RunningHost | null = null;

  const harness: HostHarness = {
    dataDir,
    netLogFile,
    async start() {
      if (running) throw new Error('The host is already running; use restart().');
      running = await spawnHost(dataDir, netLogFile, options.env ?? {});
      return running;
    },
    async stop() {
      if (running) await running.stop();
      running = null;
    },
    async restart() {
      await harness.stop();
      return harness.start();
    },
    current: () => running,
    netAttempts: () => readFileSync(netLogFile, 'utf8').split('\n').filter(Boolean),
    async dispose() {
      if (running) await running.stop();
      running = null;
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(netLogFile, { force: true });
    },
  };
  return harness;
}

function spawnHost(dataDir: string, netLogFile: string, extraEnv: Readonly<Record<string, string>>): Promise<RunningHost> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...extraEnv,
    NODE_OPTIONS: `--import ${pathToFileURL(GUARD).href}`,
    TANDEM_E2E_NET_LOG: netLogFile,
  };
  delete env.TANDEM_DATA_DIR;
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data-dir', dataDir], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (output += chunk));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The host did not print its URL and token within 60 s.\n${output}`));
    }, 60_000);
    const onExit = (code: number | null): void => {
      clearTimeout(timer);
      reject(new Error(`The host exited (code ${code}) before it was ready.\n${output}`));
    };
    child.once('exit', onExit);
    child.stdout?.on('data', (chunk: string) => {
      output += chunk;
      const url = /Tandem is running at (http:\/\/127\.0\.0\.1:(\d+)\/)/.exec(output);
      const token = /API token: (\S+)/.exec(output);
      if (!url || !token) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve({
        url: url[1]!,
        port: Number(url[2]),
        token: token[1]!,
        dataDir,
        launchUrl: () => newLaunchUrl(url[1]!, token[1]!),
        output: () => output,
        stop: () => stopChild(child),
      });
    });
  });
}

async function newLaunchUrl(base: string, token: string): Promise<string> {
  const response = await fetch(new URL('/api/v1/session/launch-code', base), { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  const body = (await response.json()) as { ok: boolean; value?: { url: string } };
  if (!body.ok || !body.value) throw new Error(`The host did not issue a sign-in link: ${JSON.stringify(body)}`);
  return body.value.url;
}

function stopChild(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    child.kill('SIGTERM');
  });
}
