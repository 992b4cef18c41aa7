import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layering of DESIGN.md is only real while the lint rule keeps firing. These snippets go through the
 * project's own eslint.config.js, so a config change that silently drops a rule fails here.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function layeringMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'tandem/layering').map((m) => m.message);
}

const violations: Array<[string, string, string]> = [
  ['the engine imports electron', 'main/engine/conversations/x.ts', "import { app } from 'electron';"],
  ['the engine imports node:http', 'main/engine/x.ts', "import { createServer } from 'node:http';"],
  ['the engine imports http', 'main/engine/x.ts', "import http from 'http';"],
  ['the engine imports ws', 'main/engine/x.ts', "import { WebSocket } from 'ws';"],
  ['the engine imports the HTTP host', 'main/engine/store/x.ts', "import { startHttpHost } from '../../server/httpHost.js';"],
  ['the engine imports the Electron host', 'main/engine/x.ts', "import '../electron/main.js';"],
  ['the engine imports the api', 'main/engine/x.ts', "import type { Method } from '../api/contract.js';"],
  ['the engine imports the CLI', 'main/engine/x.ts', "export { main } from '../cli/tandem.js';"],
  ['the engine imports host config', 'main/engine/x.ts', "import { resolveDataDir } from '../config/dataDir.js';"],
  ['the engine imports electron dynamically', 'main/engine/x.ts', "export const e = await import('electron');"],
  ['the engine requires electron', 'main/engine/x.ts', "const e = require('electron'); export { e };"],
  ['the ml layer imports a host', 'main/ml/x.ts', "import { serveCommand } from '../cli/commands/serve.js';"],
  ['the ml layer imports electron', 'main/ml/x.ts', "import { utilityProcess } from 'electron';"],
  ['the api imports the HTTP host', 'main/api/x.ts', "import { startHttpHost } from '../server/httpHost.js';"],
  ['the api imports the Electron host', 'main/api/handlers/x.ts', "import { bindIpcBridge } from '../../electron/ipcBridge.js';"],
  ['the api imports the CLI', 'main/api/x.ts', "import '../cli/tandem.js';"],
  ['the api imports electron', 'main/api/x.ts', "import { ipcMain } from 'electron';"],
  ['the renderer imports contract code at run time', 'renderer/src/x.ts', "import { contract } from '../../main/api/contract.js';"],
  ['the renderer imports engine types', 'renderer/src/x.ts', "import type { Engine } from '../../main/engine/index.js';"],
  ['the renderer imports a dispatcher', 'renderer/src/x.tsx', "import type { Dispatcher } from '../../main/api/dispatcher.js';"],
  ['the renderer imports a node: module', 'renderer/src/x.ts', "import { readFileSync } from 'node:fs';"],
  ['the renderer imports a bare Node builtin', 'renderer/src/x.ts', "import fs from 'fs';"],
  ['the renderer imports electron', 'renderer/src/x.ts', "import { ipcRenderer } from 'electron';"],
  ['the preload imports a Node module', 'preload/x.cts', "import fs = require('node:fs');"],
];

const allowed: Array<[string, string, string]> = [
  ['the engine imports its own store and Node modules', 'main/engine/x.ts', "import { openDatabase } from './store/database.js';\nimport { join } from 'node:path';"],
  ['the ml layer uses worker threads', 'main/ml/x.ts', "import { Worker } from 'node:worker_threads';"],
  ['the api imports the engine', 'main/api/x.ts', "import { ERROR_HINTS } from '../engine/errors.js';"],
  ['a host imports the api and electron', 'main/electron/x.ts', "import { app } from 'electron';\nimport { createDispatcher } from '../api/dispatcher.js';"],
  ['the renderer imports contract types', 'renderer/src/api/x.ts', "import type { ApiEvent, Result } from '../../../main/api/contract.js';"],
  ['the renderer imports bridge types inline', 'renderer/src/x.ts', "import { type TandemBridge } from '../../main/api/bridge.js';"],
  ['the renderer imports its own modules', 'renderer/src/x.tsx', "import { useState } from 'react';\nimport { format } from './components/format.js';"],
  ['the preload requires electron', 'preload/x.cts', "import electron = require('electron');\nimport type { TandemBridge } from '../main/api/bridge.js';"],
];

describe('layering lint rule', () => {
  it.each(violations)('reports when %s', async (_name, filePath, code) => {
    expect(await layeringMessages(filePath, code)).toHaveLength(1);
  });

  it.each(allowed)('allows it when %s', async (_name, filePath, code) => {
    expect(await layeringMessages(filePath, code)).toEqual([]);
  });

  it('names the layer and points at DESIGN.md in its message', async () => {
    const [message] = await layeringMessages('main/engine/x.ts', "import { app } from 'electron';");
    expect(message).toMatch(/The engine must not import "electron".*DESIGN\.md/);
  });
});
