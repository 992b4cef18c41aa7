import type { IpcMainInvokeEvent } from 'electron';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../main/api/bridge.js';
import { createDispatcher } from '../../../main/api/dispatcher.js';
import { bindIpcBridge, describeSender } from '../../../main/electron/ipcBridge.js';
import { openEngine, type Engine } from '../../../main/engine/index.js';
import { silentLog } from '../../../main/engine/log.js';

const INDEX_URL = 'app://tandem/index.html';
type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle: (channel: string, handler: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => handlers.delete(channel),
  };
}

function fakeContents(id = 3) {
  const sent: Array<[string, unknown]> = [];
  let destroyed = false;
  return {
    id,
    sent,
    destroy: () => (destroyed = true),
    isDestroyed: () => destroyed,
    send: (channel: string, payload: unknown) => sent.push([channel, payload]),
  };
}

function ipcEvent(senderId: number, url: string | null, isMainFrame = true): IpcMainInvokeEvent {
  const frame = url === null ? null : { url, parent: isMainFrame ? null : {} };
  return { sender: { id: senderId }, senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

let engine: Engine | null = null;
afterEach(() => {
  engine?.close();
  engine = null;
});

function setUp() {
  engine = openEngine({ dataDir: ':memory:' });
  const opened = engine;
  const ipcMain = fakeIpcMain();
  const contents = fakeContents();
  const unbind = bindIpcBridge({
    ipcMain,
    contents,
    indexUrl: INDEX_URL,
    dispatcher: createDispatcher({ engine: opened, appVersion: '0.0.0-test' }, { validateOutput: true }),
    subscribe: (listener) => opened.events.subscribe(listener),
    log: silentLog,
  });
  const call = (event: IpcMainInvokeEvent, method: unknown, input: unknown) => ipcMain.handlers.get('tandem:call')!(event, method, input);
  return { ipcMain, contents, unbind, call, engine: opened };
}

describe('Electron IPC bridge', () => {
  it('serves contract calls from our window on the one tandem:call channel', async () => {
    const { ipcMain, call } = setUp();
    expect([...ipcMain.handlers.keys()]).toEqual(['tandem:call']);
    const result = (await call(ipcEvent(3, `${INDEX_URL}#/inbox`), 'app.info', {})) as { ok: boolean; value: { version: string } };
    expect(result.ok).toBe(true);
    expect(result.value.version).toBe('0.0.0-test');
  });

  it('refuses a call from another window, a subframe or a foreign page with E_FORBIDDEN_ORIGIN, creating nothing', async () => {
    const { call, engine: opened } = setUp();
    const before = opened.conversations.list({}).length;
    for (const event of [
      ipcEvent(4, INDEX_URL),
      ipcEvent(3, INDEX_URL, false),
      ipcEvent(3, 'https://evil.example/'),
      ipcEvent(3, null),
    ]) {
      const result = (await call(event, 'conversation.create', { customerRef: 'x@example.com' })) as { ok: boolean; error: { code: string; message: string } };
      expect(result.ok).toBe(false);
      expect(result.error.code).toBe('E_FORBIDDEN_ORIGIN');
      expect(result.error.message).toMatch(/Tandem's own window/);
    }
    expect(opened.conversations.list({}).length).toBe(before);
  });

  it('validates what the page sends like any other transport', async () => {
    const { call } = setUp();
    expect(await call(ipcEvent(3, INDEX_URL), 42, {})).toMatchObject({ ok: false, error: { code: 'E_UNKNOWN_METHOD' } });
    expect(await call(ipcEvent(3, INDEX_URL), 'engine.db.exec', {})).toMatchObject({ ok: false, error: { code: 'E_UNKNOWN_METHOD' } });
    expect(await call(ipcEvent(3, INDEX_URL), 'app.info', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'E_VALIDATION' } });
  });

  it('forwards engine events to the window on tandem:event until unbound', () => {
    const { contents, unbind, engine: opened } = setUp();
    const event: ApiEvent = { type: 'conversation.deleted', conversationId: 'c1' };
    opened.events.emit(event);
    expect(contents.sent).toEqual([['tandem:event', event]]);
    unbind();
    opened.events.emit(event);
    expect(contents.sent).toHaveLength(1);
  });

  it('stops sending to a destroyed window and removes its handler when unbound', () => {
    const { ipcMain, contents, unbind, engine: opened } = setUp();
    contents.destroy();
    opened.events.emit({ type: 'conversation.deleted', conversationId: 'c1' });
    expect(contents.sent).toEqual([]);
    unbind();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('treats a sender whose frame was disposed as untrusted', () => {
    const event = {
      sender: { id: 3 },
      get senderFrame(): never {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    } as unknown as IpcMainInvokeEvent;
    expect(describeSender(event)).toEqual({ webContentsId: 3, frameUrl: null, isMainFrame: false });
  });
});
