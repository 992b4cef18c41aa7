import { describe, expect, it } from 'vitest';
import { desktopDataDir, parseLaunchArgs } from '../../../main/electron/launchOptions.js';

describe('desktop launch options', () => {
  it('reads our flags among Chromium switches', () => {
    expect(parseLaunchArgs(['--no-sandbox', '--data-dir', '/tmp/t', '--smoke-test', '--enable-logging'])).toEqual({
      dataDirFlag: '/tmp/t',
      smokeTest: true,
      seedDemo: true,
      keyFile: undefined,
      encrypt: false,
    });
    expect(parseLaunchArgs(['--key-file', '/k/tandem.key', '--encrypt'])).toMatchObject({ keyFile: '/k/tandem.key', encrypt: true });
    expect(parseLaunchArgs(['--data-dir=/d', '--no-demo'])).toMatchObject({ dataDirFlag: '/d', smokeTest: false, seedDemo: false });
  });

  it('takes the data folder from the flag, then TANDEM_DATA_DIR, then the per-user folder', () => {
    expect(desktopDataDir('/flag', { TANDEM_DATA_DIR: '/env' }, '/user')).toBe('/flag');
    expect(desktopDataDir(undefined, { TANDEM_DATA_DIR: '/env' }, '/user')).toBe('/env');
    expect(desktopDataDir(undefined, { TANDEM_DATA_DIR: '  ' }, '/user')).toBe('/user');
    expect(desktopDataDir(' ', {}, '/user')).toBe('/user');
  });
});
