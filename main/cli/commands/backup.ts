import { resolve } from 'node:path';
import { resolveDataDir } from '../../config/dataDir.js';
import { listBackups } from '../../engine/dataSafety/backupCatalog.js';
import { restoreBackup } from '../../engine/dataSafety/restoreBackup.js';
import { verifyBackup } from '../../engine/dataSafety/verifyBackup.js';
import { TandemError } from '../../engine/errors.js';
import { openEngine } from '../../engine/index.js';
import { resolveDatabaseKey } from '../../config/databaseKey.js';
import { DATA_DIR_OPTION, KEY_FILE_OPTION, parseCommandArgs, UsageError } from '../args.js';

const USAGE = [
  'tandem backup create [--out FILE] [--data-dir DIR]   online backup (safe while Tandem runs)',
  'tandem backup list [--data-dir DIR]',
  'tandem backup verify <file>',
  'tandem backup restore <file> [--data-dir DIR]         offline: quit Tandem first',
  'An encrypted workspace and its backups need the key: TANDEM_DB_KEY or --key-file FILE.',
].join('\n       ');

/** `tandem backup …`: create, list, verify and (offline) restore backups of the data directory's database. */
export async function backupCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseCommandArgs(rest, { ...DATA_DIR_OPTION, ...KEY_FILE_OPTION, out: { type: 'string' }, json: { type: 'boolean' } }, USAGE);
  const dataDir = resolveDataDir(values['data-dir']);
  const key = sub === 'list' ? null : (resolveDatabaseKey(values['key-file'])?.key ?? null);
  const print = (text: string, value: unknown): void => {
    process.stdout.write(values.json ? `${JSON.stringify(value)}\n` : `${text}\n`);
  };
  switch (sub) {
    case 'create': {
      const engine = openEngine({ dataDir, databaseKey: key });
      try {
        const report = await engine.dataSafety.createBackup(values.out ? resolve(values.out) : undefined);
        print(`backup written: ${report.file} (${(report.bytes / 1e6).toFixed(1)} MB, ${report.durationMs} ms), verified`, report);
        return 0;
      } finally {
        engine.close();
      }
    }
    case 'list': {
      const backups = listBackups(dataDir);
      print(backups.length === 0 ? `no backups in ${dataDir}/backups` : backups.map((b) => `${new Date(b.createdAt).toISOString()}  ${(b.bytes / 1e6).toFixed(1).padStart(7)} MB  ${b.file}`).join('\n'), backups);
      return 0;
    }
    case 'verify': {
      const file = onlyFile(positionals);
      const verdict = verifyBackup(file, { key });
      print(
        verdict.ok
          ? `${file}: OK (schema ${verdict.schemaVersion}, ${verdict.conversations} conversations, audit ${verdict.audit ? `${verdict.audit.entries} entries verified` : 'absent'}, ${verdict.encrypted ? 'encrypted' : 'not encrypted'})`
          : `${file}: NOT USABLE — ${verdict.reason}`,
        verdict,
      );
      return verdict.ok ? 0 : 1;
    }
    case 'restore': {
      const file = onlyFile(positionals);
      try {
        const report = restoreBackup({ dataDir, backupFile: file, now: Date.now(), key });
        print(`restored ${file} into ${report.databaseFile}; the previous database is kept at ${report.previousDatabase ?? '(there was none)'}. Start Tandem again.`, report);
        return 0;
      } catch (error) {
        if (error instanceof TandemError) {
          process.stderr.write(`${error.code}: ${error.message}\n`);
          return 1;
        }
        throw error;
      }
    }
    default:
      throw new UsageError(`Unknown backup command "${sub ?? ''}".\n\nUsage: ${USAGE}`);
  }
}

function onlyFile(positionals: string[]): string {
  if (positionals.length !== 1) throw new UsageError(`Name exactly one backup file.\n\nUsage: ${USAGE}`);
  return resolve(positionals[0]!);
}
