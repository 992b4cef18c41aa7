// The desktop host: one hardened window over the same engine and contract as the headless host.
// Only Electron and light host modules load statically; the engine (and its native SQLite module) is
// imported after 'ready' so a native-module problem becomes a readable dialog, not a silent crash.
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, shell, type WebPreferences } from 'electron';
import { join } from 'node:path';
import { consoleLog } from '../config/consoleLog.js';
import { appVersion, PACKAGE_ROOT, RENDERER_DIST_DIR } from '../config/paths.js';
import type { EngineHost } from '../config/engineHost.js';
import { APP_INDEX_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, appProtocolResponse } from './appProtocol.js';
import { desktopContentSecurityPolicy } from './contentSecurityPolicy.js';
import { openLinkAfterConfirmation } from './externalLinks.js';
import { discardUnusedWrappedKey, resolveDesktopKey, type KeyWrapper } from './desktopKey.js';
import { hardenSession, hardenWebContents } from './hardening.js';
import { bindIpcBridge } from './ipcBridge.js';
import { desktopDataDir, parseLaunchArgs } from './launchOptions.js';
import { SMOKE_MARKER, SMOKE_PAGE_SCRIPT, smokeFailures } from './smokeCheck.js';
import { mainWindowOptions } from './windowOptions.js';

const SMOKE_TIMEOUT_MS = 60_000;
const log = consoleLog('tandem-desktop');
// Packaged apps get no script path in argv; in development argv[1] is this file.
const launch = parseLaunchArgs(process.argv.slice(app.isPackaged ? 1 : 2));
const dataDir = desktopDataDir(launch.dataDirFlag, process.env, join(app.getPath('appData'), 'Tandem'));
const preloadPath = join(PACKAGE_ROOT, 'dist', 'preload', 'preload.cjs');

// Before 'ready': every renderer sandboxed, and Chromium's own storage kept inside the data folder (the
// single-instance lock is per userData, so two data folders may run side by side).
app.enableSandbox();
app.setPath('userData', dataDir);
app.setPath('sessionData', join(dataDir, 'chromium'));
// The renderer is served from app://tandem/ (see appProtocol.ts); the scheme's privileges are fixed before 'ready'.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.whenReady().then(start, (error: unknown) => fatal(error));
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession, { log });
  const policy = desktopContentSecurityPolicy();
  protocol.handle(APP_SCHEME, (request) => appProtocolResponse(RENDERER_DIST_DIR, request, policy));
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, (url) => void openLink(url)));

  let engineHost: EngineHost;
  let dispatcher;
  try {
    const { openEngineHost } = await import('../config/engineHost.js');
    const { createDispatcher } = await import('../api/dispatcher.js');
    const databaseKey = await desktopDatabaseKey();
    engineHost = await openEngineHost({ dataDir, log, seedDemo: launch.seedDemo, databaseKey: databaseKey?.key ?? null });
    // The engine is read at each call (an in-app restore reopens it), never kept here.
    dispatcher = createDispatcher(
      engineHost.handlerContext(appVersion()),
      { onInternalError: (method, error) => log.error(`${method} failed`, { error: String((error as Error).stack ?? error) }) },
    );
  } catch (error) {
    fatal(error);
    return;
  }

  const windowOptions = mainWindowOptions({ preloadPath, isPackaged: app.isPackaged });
  const window = new BrowserWindow(windowOptions);
  const unbind = bindIpcBridge({
    ipcMain,
    contents: window.webContents,
    indexUrl: APP_INDEX_URL,
    dispatcher,
    subscribe: (listener) => engineHost.subscribe(listener),
    log,
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', unbind);
  app.on('second-instance', () => {
    if (window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => {
    void engineHost.close().finally(() => app.quit());
  });

  if (launch.smokeTest) runSmokeTest(window, windowOptions.webPreferences ?? {});
  await window.loadURL(APP_INDEX_URL);
  log.info('desktop window loaded', { dataDir });
}

/** Electron's safeStorage, reached only when a wrapped key exists or --encrypt asks for one. */
const keychain: KeyWrapper = {
  isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
  encryptString: (text) => safeStorage.encryptString(text),
  decryptString: (data) => safeStorage.decryptString(data),
  getSelectedStorageBackend: () => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'unknown'),
};

/**
 * The workspace key (environment, --key-file, or the keychain-wrapped key in the data folder); with
 * --encrypt a plaintext workspace is converted before the engine opens it.
 */
async function desktopDatabaseKey(): Promise<{ key: string } | null> {
  const resolved = resolveDesktopKey({ dataDir, env: process.env, keyFile: launch.keyFile, encrypt: launch.encrypt, safeStorage: keychain, platform: process.platform });
  if (!resolved) return null;
  if (resolved.created) log.info('a new workspace key was created and wrapped with the OS keychain', { dataDir });
  if (!launch.encrypt) return resolved;
  const { encryptWorkspace } = await import('../engine/dataSafety/convertEncryption.js');
  const { databaseFileKind } = await import('../engine/store/databaseKey.js');
  try {
    if (databaseFileKind(join(dataDir, 'tandem.db')) === 'plaintext') {
      const report = encryptWorkspace({ dataDir, key: resolved.key, now: Date.now() });
      log.info('workspace encrypted at rest', { rows: report.rows, plaintextBackups: report.backupsInOldState.length, durationMs: report.durationMs });
    }
  } catch (error) {
    if (resolved.created) discardUnusedWrappedKey(dataDir);
    throw error;
  }
  return resolved;
}

async function openLink(url: string): Promise<void> {
  const outcome = await openLinkAfterConfirmation(url, {
    confirm: async (address) => {
      const parent = BrowserWindow.getFocusedWindow();
      const options = {
        type: 'question' as const,
        buttons: ['Cancel', 'Open in browser'],
        defaultId: 0,
        cancelId: 0,
        title: 'Open link',
        message: 'Open this address in your web browser?',
        detail: `${address}\n\nLinks in customer messages can lead anywhere; open it only if you trust it.`,
      };
      const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
      return response === 1;
    },
    openExternal: (address) => shell.openExternal(address),
  });
  if (outcome === 'refused') log.warn('refused to open a link that is not http(s)', { scheme: url.split(':', 1)[0] });
}

/** Loads the page, checks the bridge end to end and exits with 0 (works) or 1 (prints what failed). */
function runSmokeTest(window: BrowserWindow, prefs: WebPreferences): void {
  const timer = setTimeout(() => finishSmoke({ error: 'the page did not finish loading in time' }, ['timeout']), SMOKE_TIMEOUT_MS);
  window.webContents.once('did-fail-load', (_event, code, description) => {
    clearTimeout(timer);
    finishSmoke({ error: `load failed: ${code} ${description}` }, ['the renderer did not load']);
  });
  window.webContents.once('did-finish-load', async () => {
    clearTimeout(timer);
    try {
      const page: unknown = await window.webContents.executeJavaScript(SMOKE_PAGE_SCRIPT, true);
      // The page script proves Node is absent at run time; these are the settings the window was made with.
      const facts = { contextIsolation: prefs.contextIsolation, sandbox: prefs.sandbox, nodeIntegration: prefs.nodeIntegration };
      finishSmoke({ page, window: facts }, smokeFailures(page, facts));
    } catch (error) {
      finishSmoke({ error: String(error) }, ['the page script threw']);
    }
  });
}

function finishSmoke(report: Record<string, unknown>, failures: string[]): void {
  process.stdout.write(`${SMOKE_MARKER}${JSON.stringify({ ok: failures.length === 0, failures, ...report })}\n`);
  app.exit(failures.length === 0 ? 0 : 1);
}

function fatal(error: unknown): void {
  const text = String((error as Error)?.message ?? error);
  const nativeMismatch = /NODE_MODULE_VERSION|compiled against a different Node\.js version/.test(text);
  // Tandem's own errors already say what to do (a missing or wrong workspace key, for example).
  const explained = typeof (error as { code?: unknown })?.code === 'string' && /^E_[A-Z_]+$/.test((error as { code: string }).code);
  const advice = nativeMismatch
    ? 'The native SQLite module was built for Node.js, not for Electron. Run "npx electron-builder install-app-deps" in the Tandem folder, then start again.'
    : explained
      ? `Data folder: ${dataDir}.`
      : `Check that the data folder ${dataDir} is writable, or start with --data-dir pointing to another folder.`;
  log.error('desktop host failed to start', { error: text });
  if (launch.smokeTest) {
    finishSmoke({ error: text }, [advice]);
    return;
  }
  dialog.showErrorBox('Tandem could not start', `${text}\n\n${advice}`);
  app.exit(1);
}
