// Runs the TypeScript compiler for the main process. The Electron host and preload need Electron's
// type definitions, which exist only where the electron package installed (it is optional: machines
// that cannot download its binary drop it). Without them the headless product is built alone.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const [mode = 'build'] = process.argv.slice(2);
const withElectron = existsSync('node_modules/electron/electron.d.ts');
const project = {
  build: withElectron ? 'tsconfig.json' : 'tsconfig.headless.json',
  check: withElectron ? 'tsconfig.check.json' : 'tsconfig.check-headless.json',
}[mode];
if (!project) {
  console.error(`Unknown mode "${mode}"; use build or check.`);
  process.exit(2);
}
if (!withElectron) console.error('Electron is not installed: building and checking without the desktop host (main/electron, preload).');
const result = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', project], { stdio: 'inherit' });
process.exit(result.status ?? 1);
