import type { IpcMainInvokeEvent } from 'electron';
import { BRIDGE_CHANNELS, type ApiEvent } from '../api/bridge.js';
import type { Dispatcher } from '../api/dispatcher.js';
import { fail, type Result } from '../api/result.js';
import { ERROR_HINTS } from '../engine/errors.js';
import type { Log } from '../engine/log.js';
import { isTrustedSender, type IpcSender } from './senderCheck.js';

/** The slices of Electron objects the bridge touches, so tests can hand in plain fakes. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown> | unknown): void;
  removeHandler(channel: string): void;
}
export interface WindowContentsLike {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

export interface IpcBridgeOptions {
  readonly ipcMain: IpcMainLike;
  readonly contents: WindowContentsLike;
  /** app:// URL of the renderer's index.html: the only document allowed to call. */
  readonly indexUrl: string;
  readonly dispatcher: Pick<Dispatcher, 'call'>;
  readonly subscribe: (listener: (event: ApiEvent) => void) => () => void;
  readonly log: Log;
}

/**
 * Binds the generic dispatcher to one IPC channel and forwards engine events on another. The bridge
 * knows no method names: the dispatcher validates every call, exactly as it does for HTTP.
 * Returns a function that unbinds both.
 */
export function bindIpcBridge(options: IpcBridgeOptions): () => void {
  const { ipcMain, contents, dispatcher, log } = options;
  const trusted = { webContentsId: contents.id, indexUrl: options.indexUrl };

  ipcMain.handle(BRIDGE_CHANNELS.call, async (event, method: unknown, input: unknown): Promise<Result<unknown>> => {
    const sender = describeSender(event);
    if (!isTrustedSender(sender, trusted)) {
      log.warn('refused an IPC call from outside the Tandem window', { webContentsId: sender.webContentsId, mainFrame: sender.isMainFrame });
      return fail('E_FORBIDDEN_ORIGIN', `This call did not come from Tandem's own window. ${ERROR_HINTS.E_FORBIDDEN_ORIGIN}`);
    }
    if (typeof method !== 'string') return fail('E_UNKNOWN_METHOD', `The method name must be a string. ${ERROR_HINTS.E_UNKNOWN_METHOD}`);
    return dispatcher.call(method, input);
  });

  const unsubscribe = options.subscribe((event) => {
    if (!contents.isDestroyed()) contents.send(BRIDGE_CHANNELS.event, event);
  });

  return () => {
    ipcMain.removeHandler(BRIDGE_CHANNELS.call);
    unsubscribe();
  };
}

/** Reading a frame that has been disposed throws in Electron; such a sender is simply not trusted. */
export function describeSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): IpcSender {
  const webContentsId = event.sender.id;
  try {
    const frame = event.senderFrame;
    if (!frame) return { webContentsId, frameUrl: null, isMainFrame: false };
    return { webContentsId, frameUrl: frame.url, isMainFrame: frame.parent === null };
  } catch {
    return { webContentsId, frameUrl: null, isMainFrame: false };
  }
}
