import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { resolveDataDir } from '../../config/dataDir.js';
import { electronBinaryPath } from '../../config/electronBinary.js';
import { MODELS_DIR, RENDERER_DIST_DIR } from '../../config/paths.js';
import { openEngine } from '../../engine/index.js';
import { openDatabase } from '../../engine/store/database.js';
import { findOnnxModels } from '../../ml/crossEncoderFiles.js';
import { DATA_DIR_OPTION, databaseKeyOption, KEY_FILE_OPTION, parseCommandArgs } from '../args.js';
import { modelChecks } from './doctorModels.js';

export interface DoctorCheck {
  readonly name: string;
  readonly ok: boolean;
  /** 'warn' checks do not make the command fail: the product works without them. */
  readonly severity: 'error' | 'warn';
  readonly detail: string;
  readonly fix?: string;
}

/** Checks what Tandem needs on this machine and says what to do about each problem. */
export async function doctorCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { ...DATA_DIR_OPTION, ...KEY_FILE_OPTION, json: { type: 'boolean' } }, 'tandem doctor [--data-dir DIR] [--key-file FILE] [--json]');
  const checks = await runChecks(resolveDataDir(values['data-dir']), values['key-file']);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ ok: checks.every((c) => c.ok || c.severity === 'warn'), checks })}\n`);
  } else {
    for (const check of checks) {
      const mark = check.ok ? '✓' : check.severity === 'warn' ? '!' : '✗';
      process.stdout.write(`${mark} ${check.name}: ${check.detail}\n`);
      if (!check.ok && check.fix) process.stdout.write(`    → ${check.fix}\n`);
    }
  }
  return checks.some((c) => !c.ok && c.severity === 'error') ? 1 : 0;
}

export async function runChecks(dataDir: string, keyFile?: string): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  let userModelFolder: string | null = null;
  const major = Number(process.versions.node.split('.')[0]);
  checks.push({
    name: 'Node.js',
    ok: major >= 20,
    severity: 'error',
    detail: `v${process.versions.node}`,
    fix: 'Install Node.js 20 or newer.',
  });
  checks.push(
    attempt('SQLite + sqlite-vec', 'error', 'Run "npm rebuild better-sqlite3-multiple-ciphers" (needs python3, make and a C++ compiler).', () => {
      const { db } = openDatabase(':memory:');
      const row = db.prepare(`SELECT sqlite_version() AS sqlite, vec_version() AS vec`).get() as { sqlite: string; vec: string };
      db.close();
      return `SQLite ${row.sqlite}, sqlite-vec ${row.vec}`;
    }),
  );
  checks.push(
    attempt('Data directory', 'error', `Choose a writable folder with --data-dir or TANDEM_DATA_DIR.`, () => {
      mkdirSync(dataDir, { recursive: true });
      accessSync(dataDir, constants.W_OK);
      return dataDir;
    }),
  );
  checks.push(
    attempt('Database', 'error', 'Move tandem.db aside (keep it for support) or point --data-dir elsewhere; an encrypted workspace needs its key (TANDEM_DB_KEY or --key-file).', () => {
      const engine = openEngine({ dataDir, ...databaseKeyOption(keyFile) });
      const counts = engine.commerce.counts(engine.workspace.id);
      const detail = `${join(dataDir, 'tandem.db')} (schema v${engine.migration.to}, workspace "${engine.workspace.name}", ${counts.orders} orders, ${engine.encrypted ? 'encrypted at rest' : 'not encrypted'})`;
      userModelFolder = engine.workspaces.getSetting<string | null>(engine.workspace.id, 'models.userFolder') ?? null;
      engine.close();
      return detail;
    }),
  );
  const uiBuilt = existsSync(join(RENDERER_DIST_DIR, 'index.html'));
  checks.push({
    name: 'User interface',
    ok: uiBuilt,
    severity: 'error',
    detail: uiBuilt ? RENDERER_DIST_DIR : 'not built',
    fix: 'Run "npm run build".',
  });
  const models = findOnnxModels(MODELS_DIR);
  checks.push(...(await modelChecks(MODELS_DIR, userModelFolder)));
  checks.push({
    name: 'Embedding models in models/ (optional)',
    ok: models.embedders.length > 0,
    severity: 'warn',
    detail: models.embedders.length ? models.embedders.join(', ') : 'none — the built-in embedder is used',
    fix: `Put a transformers.js model folder (e.g. Xenova/all-MiniLM-L6-v2) under ${MODELS_DIR}; see models/README.md.`,
  });
  checks.push({
    name: 'Cross-encoder reranker in models/ (optional)',
    ok: models.crossEncoders.length > 0,
    severity: 'warn',
    detail: models.crossEncoders.length
      ? `${models.crossEncoders[0]} orders knowledge search results${models.crossEncoders.length > 1 ? ` (ignored: ${models.crossEncoders.slice(1).join(', ')})` : ''}`
      : 'none — the feature-based reranker orders knowledge search results',
    fix: `Put a transformers.js cross-encoder folder (e.g. Xenova/ms-marco-MiniLM-L-6-v2) under ${MODELS_DIR}; see models/README.md.`,
  });
  const electron = electronBinaryPath();
  checks.push({
    name: 'Electron (optional)',
    ok: electron !== null,
    severity: 'warn',
    detail: electron ?? 'binary not installed — "npm start" runs the headless host in your browser',
    fix: 'On a machine with internet access, run "npm install" without ELECTRON_SKIP_BINARY_DOWNLOAD.',
  });
  return checks;
}

function attempt(name: string, severity: 'error' | 'warn', fix: string, run: () => string): DoctorCheck {
  try {
    return { name, ok: true, severity, detail: run() };
  } catch (error) {
    return { name, ok: false, severity, detail: (error as Error).message, fix };
  }
}
