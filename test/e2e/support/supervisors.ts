import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT, type RunningHost } from './host.js';

/**
 * Creates a supervisor (or resets their PIN) the way an administrator does: `tandem supervisor set NAME`
 * on the host's data folder, the PIN on standard input. The browser and API tokens cannot do this.
 */
export function addSupervisor(host: Pick<RunningHost, 'dataDir'>, name: string, pin: string): Promise<string> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'dist', 'main', 'cli', 'tandem.js'), 'supervisor', 'set', name, '--data-dir', host.dataDir], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += String(chunk)));
  child.stderr.on('data', (chunk: Buffer) => (output += String(chunk)));
  child.stdin.end(`${pin}\n`);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`tandem supervisor set failed (${code}): ${output}`))));
  });
}
