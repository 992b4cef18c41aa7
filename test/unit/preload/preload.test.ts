import { readFileSync } from 'node:fs';
import ts from 'typescript';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';

/**
 * Runs preload/preload.cts the way Electron's sandbox does: as CommonJS with a require that knows only
 * 'electron' (here a recording fake), so the test sees exactly what the page would get.
 */
function loadPreload() {
  const source = readFileSync('preload/preload.cts', 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    fileName: 'preload.cts',
  });
  const exposed = new Map<string, unknown>();
  const invoked: unknown[][] = [];
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  let invokeOutcome: 'resolve' | 'reject' = 'resolve';
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => {
        invoked.push(args);
        if (invokeOutcome === 'reject') throw new Error('An object could not be cloned.');
        return { ok: true, value: 'from main' };
      },
      on: (channel: string, fn: (...args: unknown[]) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(fn);
      },
      removeListener: (channel: string, fn: (...args: unknown[]) => void) => listeners.get(channel)?.delete(fn),
    },
  };
  const required: string[] = [];
  const sandboxRequire = (name: string): unknown => {
    required.push(name);
    if (name === 'electron') return electron;
    throw new Error(`module not found: ${name}`);
  };
  const exports = {};
  vm.runInNewContext(`(function (require, exports, module) {${outputText}\n})`, {})(sandboxRequire, exports, { exports });
  return {
    exposed,
    invoked,
    listeners,
    required,
    rejectNextInvoke: () => (invokeOutcome = 'reject'),
  };
}

interface Bridge {
  call(method: string, input: unknown): Promise<unknown>;
  onEvent(listener: (event: unknown) => void): () => void;
}

describe('preload', () => {
  it('requires nothing but electron', () => {
    expect(loadPreload().required).toEqual(['electron']);
  });

  it('exposes exactly window.tandem with call and onEvent', () => {
    const { exposed } = loadPreload();
    expect([...exposed.keys()]).toEqual(['tandem']);
    const bridge = exposed.get('tandem') as Record<string, unknown>;
    expect(Object.keys(bridge).sort()).toEqual(['call', 'onEvent']);
    expect(typeof bridge.call).toBe('function');
    expect(typeof bridge.onEvent).toBe('function');
  });

  it('sends every call on tandem:call with the method and input only', async () => {
    const { exposed, invoked } = loadPreload();
    const bridge = exposed.get('tandem') as Bridge;
    expect(await bridge.call('app.info', { a: 1 })).toEqual({ ok: true, value: 'from main' });
    expect(invoked).toEqual([['tandem:call', 'app.info', { a: 1 }]]);
  });

  it('turns a request that cannot be sent into an error result instead of a rejection', async () => {
    const loaded = loadPreload();
    loaded.rejectNextInvoke();
    const result = await (loaded.exposed.get('tandem') as Bridge).call('app.info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'E_INTERNAL' } });
  });

  it('delivers event payloads without the IPC event object, and unsubscribes', () => {
    const { exposed, listeners } = loadPreload();
    const bridge = exposed.get('tandem') as Bridge;
    const received: unknown[][] = [];
    const unsubscribe = bridge.onEvent((...args) => received.push(args));
    const channel = listeners.get('tandem:event')!;
    expect(channel.size).toBe(1);
    const ipcEvent = { sender: 'ipcRenderer internals' };
    for (const fn of channel) fn(ipcEvent, { type: 'conversation.deleted', conversationId: 'c1' });
    expect(received).toEqual([[{ type: 'conversation.deleted', conversationId: 'c1' }]]);
    unsubscribe();
    expect(channel.size).toBe(0);
  });
});
