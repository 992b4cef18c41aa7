import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts a worker that sits next to the calling module. From compiled dist/*.js the worker is plain JS.
 * Under Vitest or tsx the caller is a .ts source: the worker is the .ts sibling, and a tiny eval'd
 * bootstrap registers tsx inside the thread first (Node 20 does not pass `--import tsx` loader hooks
 * on to worker threads).
 */
export function startSiblingWorker(callerUrl: string, baseName: string): Worker {
  const fromSource = new URL(callerUrl).pathname.endsWith('.ts');
  const url = new URL(`./${baseName}${fromSource ? '.ts' : '.js'}`, callerUrl);
  if (!fromSource) return new Worker(url);
  // The package's "import" export of tsx/esm/api (createRequire would pick the CommonJS one).
  const tsxPackage = createRequire(callerUrl).resolve('tsx/package.json');
  const tsxApi = pathToFileURL(join(dirname(tsxPackage), 'dist/esm/api/index.mjs')).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(bootstrap, { eval: true });
}
