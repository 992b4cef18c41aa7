import { describe, expect, it } from 'vitest';
import { smokeFailures } from '../../../main/electron/smokeCheck.js';

const goodWindow = { contextIsolation: true, sandbox: true, nodeIntegration: false };
const goodPage = {
  bridgeKeys: ['call', 'onEvent'],
  evalBlocked: true,
  nodeVisible: false,
  location: 'app:',
  appInfo: { ok: true, value: { workspace: { id: 'demo' } } },
};

describe('smoke-test verdict', () => {
  it('passes a window that works and is locked down', () => {
    expect(smokeFailures(goodPage, goodWindow)).toEqual([]);
  });

  it('names each thing that is wrong', () => {
    expect(smokeFailures({ ...goodPage, bridgeKeys: ['call', 'ipcRenderer', 'onEvent'] }, goodWindow)[0]).toMatch(/exactly call and onEvent/);
    expect(smokeFailures({ ...goodPage, evalBlocked: false }, goodWindow)[0]).toMatch(/Content-Security-Policy/);
    expect(smokeFailures({ ...goodPage, nodeVisible: true }, goodWindow)[0]).toMatch(/Node globals/);
    expect(smokeFailures({ ...goodPage, appInfo: { ok: false, error: { code: 'E_FORBIDDEN_ORIGIN' } } }, goodWindow)[0]).toMatch(/app\.info/);
    expect(smokeFailures(goodPage, { ...goodWindow, sandbox: false })[0]).toMatch(/sandboxed/);
    expect(smokeFailures({ ...goodPage, location: 'file:' }, goodWindow)[0]).toMatch(/instead of the app:\/\/ protocol/);
    expect(smokeFailures(null, goodWindow).length).toBeGreaterThanOrEqual(4);
  });
});
