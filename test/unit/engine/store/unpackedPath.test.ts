import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as sqliteVec from 'sqlite-vec';
import { describe, expect, it } from 'vitest';
import { unpackedPath } from '../../../../main/engine/store/database.js';

describe('native files of a packaged desktop app', () => {
  it('points sqlite-vec at the unpacked folder next to the archive, on POSIX and Windows paths', () => {
    expect(unpackedPath('/opt/Tandem/resources/app.asar/node_modules/sqlite-vec-linux-x64/vec0.so')).toBe(
      '/opt/Tandem/resources/app.asar.unpacked/node_modules/sqlite-vec-linux-x64/vec0.so',
    );
    expect(unpackedPath('C:\\Program Files\\Tandem\\resources\\app.asar\\node_modules\\sqlite-vec-windows-x64\\vec0.dll')).toBe(
      'C:\\Program Files\\Tandem\\resources\\app.asar.unpacked\\node_modules\\sqlite-vec-windows-x64\\vec0.dll',
    );
    expect(unpackedPath('/work/tandem/node_modules/sqlite-vec-linux-x64/vec0.so')).toBe('/work/tandem/node_modules/sqlite-vec-linux-x64/vec0.so');
    expect(unpackedPath('/opt/app.asar.unpacked/x.so')).toBe('/opt/app.asar.unpacked/x.so');
  });

  it('resolves to a file that exists in a fake unpacked layout built from the installed package', () => {
    const root = mkdtempSync(join(tmpdir(), 'tandem-asar-'));
    const real = sqliteVec.getLoadablePath();
    const inPackage = real.slice(real.lastIndexOf('node_modules'));
    const unpacked = join(root, 'resources', 'app.asar.unpacked', inPackage);
    mkdirSync(join(unpacked, '..'), { recursive: true });
    writeFileSync(unpacked, 'binary');
    const asPackaged = join(root, 'resources', 'app.asar', inPackage);
    expect(existsSync(asPackaged)).toBe(false);
    expect(existsSync(unpackedPath(asPackaged))).toBe(true);
  });
});
