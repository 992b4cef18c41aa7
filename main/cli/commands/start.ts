import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { electronBinaryPath } from '../../config/electronBinary.js';
import { PACKAGE_ROOT } from '../../config/paths.js';
import { serveCommand } from './serve.js';

/** `npm start`: the desktop app where Electron's binary exists, otherwise the headless host. */
export async function startCommand(args: string[]): Promise<number> {
  const electron = electronBinaryPath();
  const electronMain = join(PACKAGE_ROOT, 'dist', 'main', 'electron', 'main.js');
  if (electron && existsSync(electronMain)) {
    const child = spawn(electron, [electronMain, ...args], { stdio: 'inherit' });
    return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 0)));
  }
  process.stderr.write('Electron is not installed on this machine; starting the headless host (open the URL below in a browser).\n');
  return serveCommand(args);
}
