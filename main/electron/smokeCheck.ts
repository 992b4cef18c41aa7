/**
 * The end-to-end check behind `--smoke-test`: run inside the loaded page, it proves the bridge exists with
 * exactly its two functions, Node is absent, the CSP forbids eval, and a real contract call succeeds.
 */
export const SMOKE_PAGE_SCRIPT = `(async () => {
  const bridge = window.tandem;
  const bridgeKeys = bridge ? Object.keys(bridge).sort() : [];
  let evalBlocked = false;
  try { (0, eval)('1'); } catch { evalBlocked = true; }
  const nodeVisible = typeof require !== 'undefined' || typeof process !== 'undefined' || typeof module !== 'undefined';
  const appInfo = bridge ? await bridge.call('app.info', {}) : null;
  return { bridgeKeys, evalBlocked, nodeVisible, appInfo, location: String(window.location.protocol) };
})()`;

/** Printed on stdout before the JSON report so the test can find it among Chromium's log lines. */
export const SMOKE_MARKER = 'TANDEM_SMOKE_RESULT ';

export interface SmokeWindowFacts {
  readonly contextIsolation: boolean | undefined;
  readonly sandbox: boolean | undefined;
  readonly nodeIntegration: boolean | undefined;
}

/** What is wrong with a smoke run, one sentence each; empty means the desktop host works. */
export function smokeFailures(page: unknown, window: SmokeWindowFacts): string[] {
  const failures: string[] = [];
  if (window.contextIsolation !== true) failures.push('contextIsolation is not on');
  if (window.sandbox !== true) failures.push('the renderer is not sandboxed');
  if (window.nodeIntegration !== false) failures.push('nodeIntegration is not off');
  const report = (page ?? {}) as Record<string, unknown>;
  if (JSON.stringify(report.bridgeKeys) !== JSON.stringify(['call', 'onEvent'])) {
    failures.push(`window.tandem exposes ${JSON.stringify(report.bridgeKeys)} instead of exactly call and onEvent`);
  }
  if (report.evalBlocked !== true) failures.push('eval is allowed: the Content-Security-Policy is not in force');
  if (report.nodeVisible !== false) failures.push('Node globals are visible to the page');
  if (report.location !== 'app:') failures.push(`the page was loaded from ${String(report.location)} instead of the app:// protocol`);
  const info = report.appInfo as { ok?: boolean; value?: { workspace?: { id?: unknown } } } | null | undefined;
  if (!info?.ok || typeof info.value?.workspace?.id !== 'string') {
    failures.push(`window.tandem.call('app.info', {}) did not succeed: ${JSON.stringify(info)}`);
  }
  return failures;
}
