// Runs in Electron's sandboxed preload: CommonJS, and 'electron' is the only module it may require.
// It exposes the generic contract transport on window.tandem and nothing else; every call is validated
// again in the main process, which also checks that it came from Tandem's own window.
import electron = require('electron');
import type { ApiEvent, BridgeChannels, Result, TandemBridge } from '../main/api/bridge.js';

const CHANNELS: BridgeChannels = { call: 'tandem:call', event: 'tandem:event' };

const UNREACHABLE: Result<never> = {
  ok: false,
  error: { code: 'E_INTERNAL', message: 'Tandem could not pass this request to its engine; reload the window (Ctrl+R) and try again.' },
};

const bridge: TandemBridge = {
  call(method, input) {
    // invoke rejects only when the request cannot be sent (e.g. the input is not cloneable); the UI gets a value.
    return electron.ipcRenderer.invoke(CHANNELS.call, method, input).then(
      (result: Result<unknown>) => result,
      () => UNREACHABLE,
    );
  },
  onEvent(listener) {
    // The IPC event object stays here: the page receives the payload only, never ipcRenderer or sender.
    const forward = (_event: electron.IpcRendererEvent, payload: ApiEvent): void => listener(payload);
    electron.ipcRenderer.on(CHANNELS.event, forward);
    return () => {
      electron.ipcRenderer.removeListener(CHANNELS.event, forward);
    };
  },
};

electron.contextBridge.exposeInMainWorld('tandem', bridge);
