import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../../main/electron/windowOptions.js';

describe('main window options', () => {
  it('isolates the page from Node and Electron', () => {
    const prefs = mainWindowOptions({ preloadPath: '/app/dist/preload/preload.cjs', isPackaged: true }).webPreferences ?? {};
    expect(prefs).toMatchObject({
      preload: '/app/dist/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
  });

  it('closes devtools in packaged builds only', () => {
    expect(mainWindowOptions({ preloadPath: 'p', isPackaged: true }).webPreferences?.devTools).toBe(false);
    expect(mainWindowOptions({ preloadPath: 'p', isPackaged: false }).webPreferences?.devTools).toBe(true);
  });
});
