import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { openEngineHost, type EngineHost } from '../../../main/config/engineHost.js';
import type { Log } from '../../../main/engine/log.js';

/**
 * Closing the host while its background preparation (intent model training, demo knowledge
 * indexing, the assist refresh after it) is still running stops that work quietly: a shutdown is
 * not a failure. A real failure while the workspace is open is still reported.
 */
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function folder(prefix: string): string {
  const path = mkdtempSync(join(tmpdir(), prefix));
  cleanup.push(() => rmSync(path, { recursive: true, force: true }));
  return path;
}

function recordingLog(): Log & { reports: string[] } {
  const reports: string[] = [];
  const record = (level: string) => (message: string, fields?: Record<string, unknown>) => void reports.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  return { reports, info() {}, warn: record('warn'), error: record('error') };
}

async function openHost(log: Log): Promise<EngineHost> {
  return openEngineHost({ dataDir: folder('tandem-shutdown-data-'), log, seedDemo: true, quiet: true, modelsDir: folder('tandem-shutdown-models-') });
}

describe('engine host shutdown', () => {
  it('closing right after opening logs no warning or error, and nothing is logged after close resolves', async () => {
    const log = recordingLog();
    const host = await openHost(log);
    await host.close();
    const atClose = [...log.reports];
    await delay(1500);
    expect(atClose).toEqual([]);
    expect(log.reports).toEqual([]);
  }, 120_000);

  it('closing while the demo knowledge is being embedded logs nothing either', async () => {
    const log = recordingLog();
    const host = await openHost(log);
    const embedding = new Promise<void>((resolve) => {
      const stop = host.subscribe((event) => {
        if (event.type === 'progress' && !event.finished && event.done > 0) {
          stop();
          resolve();
        }
      });
    });
    await Promise.race([embedding, delay(30_000)]);
    await host.close();
    await delay(500);
    expect(log.reports).toEqual([]);
  }, 120_000);

  it('still reports the embedder failing while the workspace is open', async () => {
    const log = recordingLog();
    const host = await openHost(log);
    cleanup.push(() => host.close());
    await host.embedder?.close();
    await expect.poll(() => log.reports.join('\n'), { timeout: 30_000 }).toMatch(/intent model/);
  }, 120_000);
});
