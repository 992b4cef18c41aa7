import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { databaseFileKind } from '../../../main/engine/store/databaseKey.js';

/**
 * main/electron/main.ts wired to a recording stand-in for the 'electron' module: the real engine and
 * dispatcher run behind it, so this checks the desktop host's start-up order and every hardening hook
 * without Electron's binary.
 */
type Listener = (...args: unknown[]) => unknown;

function createFakeElectron() {
  const calls: Array<[string, ...unknown[]]> = [];
  const appListeners = new Map<string, Listener[]>();
  const on = (map: Map<string, Listener[]>) => (name: string, fn: Listener) => {
    map.set(name, [...(map.get(name) ?? []), fn]);
  };
  const emit = (map: Map<string, Listener[]>, name: string, ...args: unknown[]) => (map.get(name) ?? []).map((fn) => fn(...args));

  const contentsListeners = new Map<string, Listener[]>();
  let windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  const webContents = {
    id: 11,
    sent: [] as unknown[][],
    on: on(contentsListeners),
    once: on(contentsListeners),
    send: (...args: unknown[]) => webContents.sent.push(args),
    isDestroyed: () => false,
    setWindowOpenHandler: (fn: typeof windowOpenHandler) => (windowOpenHandler = fn),
    executeJavaScript: async () => null,
  };
  const windows: Array<{ options: unknown; loaded: string[] }> = [];
  class BrowserWindow {
    webContents = webContents;
    loaded: string[] = [];
    constructor(public options: unknown) {
      windows.push(this);
    }
    static getFocusedWindow = () => null;
    async loadURL(url: string) {
      this.loaded.push(url);
    }
    async loadFile(path: string) {
      this.loaded.push(`loadFile:${path}`);
    }
    once() {}
    on() {}
    isDestroyed = () => false;
  }
  const webRequest: Record<string, Listener> = {};
  const ipcHandlers = new Map<string, Listener>();
  const sessionHandlers: Record<string, Listener> = {};
  const protocolHandlers = new Map<string, (request: { url: string; method: string }) => Promise<Response>>();
  let dialogAnswer = 0;

  const electron = {
    app: {
      isPackaged: false,
      getPath: (name: string) => `/nonexistent/${name}`,
      enableSandbox: () => calls.push(['enableSandbox']),
      setPath: (name: string, value: string) => calls.push(['setPath', name, value]),
      requestSingleInstanceLock: () => true,
      whenReady: () => Promise.resolve(),
      on: on(appListeners),
      quit: () => calls.push(['quit']),
      exit: (code: number) => calls.push(['exit', code]),
    },
    BrowserWindow,
    ipcMain: {
      handle: (channel: string, fn: Listener) => ipcHandlers.set(channel, fn),
      removeHandler: (channel: string) => ipcHandlers.delete(channel),
    },
    session: {
      defaultSession: {
        webRequest: {
          onBeforeRequest: (fn: Listener) => (webRequest.before = fn),
          onHeadersReceived: (fn: Listener) => (webRequest.headers = fn),
        },
        setPermissionRequestHandler: (fn: Listener) => (sessionHandlers.request = fn),
        setPermissionCheckHandler: (fn: Listener) => (sessionHandlers.check = fn),
        setDevicePermissionHandler: (fn: Listener) => (sessionHandlers.device = fn),
        on: (name: string, fn: Listener) => (sessionHandlers[name] = fn),
      },
    },
    dialog: {
      showMessageBox: async (options: unknown) => {
        calls.push(['showMessageBox', options]);
        return { response: dialogAnswer };
      },
      showErrorBox: (title: string, body: string) => calls.push(['showErrorBox', title, body]),
    },
    shell: { openExternal: async (url: string) => calls.push(['openExternal', url]) },
    // Stands in for the OS keychain: a reversible wrap that does not hold the key in clear.
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (text: string) => Buffer.from(`wrapped:${Buffer.from(text).reverse().toString('base64')}`),
      decryptString: (data: Buffer) => Buffer.from(data.toString().slice('wrapped:'.length), 'base64').reverse().toString(),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => calls.push(['registerSchemesAsPrivileged', schemes]),
      handle: (scheme: string, fn: (request: { url: string; method: string }) => Promise<Response>) => {
        calls.push(['protocol.handle', scheme]);
        protocolHandlers.set(scheme, fn);
      },
    },
  };
  return {
    electron,
    calls,
    windows,
    webContents,
    webRequest,
    ipcHandlers,
    sessionHandlers,
    protocolHandlers,
    emitApp: (name: string, ...args: unknown[]) => emit(appListeners, name, ...args),
    emitContents: (name: string, ...args: unknown[]) => emit(contentsListeners, name, ...args),
    openWindow: (url: string) => windowOpenHandler?.({ url }),
    answerDialog: (answer: number) => (dialogAnswer = answer),
  };
}

let fake = createFakeElectron();
// Getters, so each test's fresh fake is what the re-imported main module sees.
vi.mock('electron', () => ({
  get app() { return fake.electron.app; },
  get BrowserWindow() { return fake.electron.BrowserWindow; },
  get ipcMain() { return fake.electron.ipcMain; },
  get session() { return fake.electron.session; },
  get dialog() { return fake.electron.dialog; },
  get shell() { return fake.electron.shell; },
  get protocol() { return fake.electron.protocol; },
  get safeStorage() { return fake.electron.safeStorage; },
}));

const dirs: string[] = [];
const originalArgv = process.argv;
afterAll(() => {
  process.argv = originalArgv;
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function startMain(dataDir: string, ...extra: string[]) {
  process.argv = ['electron', 'dist/main/electron/main.js', '--data-dir', dataDir, '--no-demo', '--no-sandbox', ...extra];
  await import('../../../main/electron/main.js');
}

/** The first start imports the engine and migrates a fresh database, which takes a while on a busy machine. */
async function windowLoaded(): Promise<void> {
  await vi.waitFor(() => {
    if (fake.calls.some(([name]) => name === 'exit' || name === 'showErrorBox')) throw new Error(`start-up failed: ${JSON.stringify(fake.calls)}`);
    expect(fake.windows[0]?.loaded.length).toBe(1);
  }, { timeout: 20_000, interval: 20 });
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-electron-main-'));
  dirs.push(dir);
  return dir;
}

describe('desktop main process', () => {
  beforeEach(() => {
    vi.resetModules();
    fake = createFakeElectron();
  });

  it('sandboxes every renderer and keeps all its data in the chosen folder before the app is ready', async () => {
    const dataDir = tempDir();
    await startMain(dataDir);
    expect(fake.calls.slice(0, 4)).toEqual([
      ['enableSandbox'],
      ['setPath', 'userData', dataDir],
      ['setPath', 'sessionData', join(dataDir, 'chromium')],
      // Custom-scheme privileges can only be set before 'ready'.
      ['registerSchemesAsPrivileged', [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }]],
    ]);
    await windowLoaded();
    fake.emitApp('window-all-closed');
  });

  it('opens a locked-down window on the built renderer and answers contract calls from it over IPC', async () => {
    await startMain(tempDir());
    await windowLoaded();
    const window = fake.windows[0]!;
    // Loaded from the app's own protocol, never from file://.
    expect(window.loaded).toEqual(['app://tandem/index.html']);
    expect(window.options).toMatchObject({
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, devTools: true },
    });
    expect((window.options as { webPreferences: { preload: string } }).webPreferences.preload).toMatch(/dist[\\/]preload[\\/]preload\.cjs$/);

    const handler = fake.ipcHandlers.get('tandem:call')!;
    const trusted = { sender: { id: 11 }, senderFrame: { url: 'app://tandem/index.html#/inbox', parent: null } };
    expect(await handler(trusted, 'app.info', {})).toMatchObject({ ok: true, value: { workspace: { id: 'default' } } });
    const foreign = { sender: { id: 11 }, senderFrame: { url: 'https://evil.example/', parent: null } };
    expect(await handler(foreign, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN_ORIGIN' } });
    const fileIndex = { sender: { id: 11 }, senderFrame: { url: 'file:///opt/Tandem/dist/renderer/index.html', parent: null } };
    expect(await handler(fileIndex, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN_ORIGIN' } });

    fake.emitApp('window-all-closed');
    expect(fake.calls).toContainEqual(['quit']);
  });

  it('puts the CSP on every response, cancels remote requests and refuses every permission and download', async () => {
    await startMain(tempDir());
    await windowLoaded();
    const decide = (url: string) => {
      let verdict: unknown;
      fake.webRequest.before!({ url }, (v: unknown) => (verdict = v));
      return verdict;
    };
    expect(decide('https://cdn.example/lib.js')).toEqual({ cancel: true });
    expect(decide('file:///etc/passwd')).toEqual({ cancel: true });
    expect(decide('app://tandem/assets/index.js')).toEqual({ cancel: false });
    expect(decide('app://elsewhere/index.html')).toEqual({ cancel: true });

    let headers: { responseHeaders: Record<string, string[]> } | undefined;
    fake.webRequest.headers!({ url: 'file:///x', responseHeaders: {} }, (v: typeof headers) => (headers = v));
    expect(headers!.responseHeaders['Content-Security-Policy']![0]).toMatch(/^default-src 'none'; script-src 'self'/);

    let granted: boolean | undefined;
    fake.sessionHandlers.request!({}, 'media', (v: boolean) => (granted = v));
    expect(granted).toBe(false);
    expect(fake.sessionHandlers.check!({}, 'notifications')).toBe(false);
    expect(fake.sessionHandlers.device!({})).toBe(false);
    const download = { preventDefault: vi.fn() };
    fake.sessionHandlers['will-download']!(download);
    expect(download.preventDefault).toHaveBeenCalled();
    fake.emitApp('window-all-closed');
  });

  it('serves the built renderer over app:// with its CSP, and nothing outside it', async () => {
    await startMain(tempDir());
    await windowLoaded();
    expect(fake.calls).toContainEqual(['protocol.handle', 'app']);
    const serve = fake.protocolHandlers.get('app')!;
    const index = await serve({ url: 'app://tandem/index.html', method: 'GET' });
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toMatch(/^default-src 'none'; script-src 'self'/);
    expect(await index.text()).toMatch(/<div id="root">/);
    for (const url of ['app://tandem/%2e%2e/%2e%2e/package.json', 'app://tandem/..%2f..%2fpackage.json', 'app://tandem/missing.js']) {
      expect((await serve({ url, method: 'GET' })).status, url).toBe(404);
    }
    fake.emitApp('window-all-closed');
  });

  it('blocks navigation and new windows, and opens an http(s) link in the browser only after confirmation', async () => {
    await startMain(tempDir());
    await windowLoaded();
    fake.emitApp('web-contents-created', {}, fake.webContents);

    const navigation = { preventDefault: vi.fn() };
    fake.emitContents('will-navigate', navigation, 'https://phish.example/login');
    expect(navigation.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(fake.calls.filter(([name]) => name === 'showMessageBox')).toHaveLength(1));
    expect(fake.calls.some(([name]) => name === 'openExternal')).toBe(false); // the user pressed Cancel

    fake.answerDialog(1);
    expect(fake.openWindow('https://shop.example/track')).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(fake.calls).toContainEqual(['openExternal', 'https://shop.example/track']));

    expect(fake.openWindow('file:///etc/passwd')).toEqual({ action: 'deny' });
    const webview = { preventDefault: vi.fn() };
    fake.emitContents('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    const subframe = { preventDefault: vi.fn(), isMainFrame: false };
    fake.emitContents('will-frame-navigate', subframe);
    expect(subframe.preventDefault).toHaveBeenCalled();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.calls.filter(([name]) => name === 'openExternal')).toEqual([['openExternal', 'https://shop.example/track']]);
    fake.emitApp('window-all-closed');
  });

  it('with --encrypt keeps a keychain-wrapped key in the data folder and opens the workspace encrypted, then reopens it with that key', async () => {
    const dataDir = tempDir();
    await startMain(dataDir, '--encrypt');
    await windowLoaded();
    fake.emitApp('window-all-closed');
    await vi.waitFor(() => expect(fake.calls).toContainEqual(['quit']), { timeout: 20_000, interval: 20 });
    const wrapped = readFileSync(join(dataDir, 'tandem-db-key.safestorage'), 'utf8');
    expect(wrapped).toMatch(/^wrapped:/);
    expect(databaseFileKind(join(dataDir, 'tandem.db'))).toBe('encrypted');

    vi.resetModules();
    fake = createFakeElectron();
    await startMain(dataDir);
    await windowLoaded();
    fake.emitApp('window-all-closed');
    await vi.waitFor(() => expect(fake.calls).toContainEqual(['quit']), { timeout: 20_000, interval: 20 });
  });

  it('explains and exits when the data folder cannot be opened', async () => {
    const notAFolder = join(tempDir(), 'file');
    writeFileSync(notAFolder, 'x');
    await startMain(notAFolder);
    await vi.waitFor(() => expect(fake.calls).toContainEqual(['exit', 1]), { timeout: 20_000, interval: 20 });
    const errorBox = fake.calls.find(([name]) => name === 'showErrorBox');
    expect(errorBox?.[1]).toBe('Tandem could not start');
    expect(String(errorBox?.[2])).toMatch(/--data-dir/);
    expect(fake.windows).toHaveLength(0);
  });
});
