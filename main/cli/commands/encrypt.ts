import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { resolveDataDir } from '../../config/dataDir.js';
import { createKeyFile, DATABASE_KEY_ENV, resolveDatabaseKey } from '../../config/databaseKey.js';
import { decryptWorkspace, encryptWorkspace, type EncryptionConversionReport } from '../../engine/dataSafety/convertEncryption.js';
import { DATABASE_FILE_NAME } from '../../engine/dataSafety/restoreBackup.js';
import { databaseFileKind } from '../../engine/store/connection.js';
import { DATA_DIR_OPTION, KEY_FILE_OPTION, parseCommandArgs, UsageError } from '../args.js';

const ENCRYPT_USAGE = [
  'tandem encrypt --key-file FILE [--new-key] [--data-dir DIR] [--json]   offline: quit Tandem first',
  `(or the key in ${DATABASE_KEY_ENV}); --new-key writes a new random key to FILE first (chmod 600)`,
].join('\n       ');
const DECRYPT_USAGE = `tandem decrypt --key-file FILE [--data-dir DIR] [--json]   (or the key in ${DATABASE_KEY_ENV}); offline: quit Tandem first`;

/** `tandem encrypt`: converts a plaintext workspace into an encrypted one, offline and verified. */
export async function encryptCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...DATA_DIR_OPTION, ...KEY_FILE_OPTION, 'new-key': { type: 'boolean' }, json: { type: 'boolean' } }, ENCRYPT_USAGE);
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".\n\nUsage: ${ENCRYPT_USAGE}`);
  const dataDir = resolveDataDir(values['data-dir']);
  const keyFile = values['key-file'] ? resolve(values['key-file']) : undefined;
  if (values['new-key'] && !keyFile) throw new UsageError(`--new-key needs --key-file FILE (the file the new key is written to).\n\nUsage: ${ENCRYPT_USAGE}`);
  if (values['new-key'] && process.env[DATABASE_KEY_ENV]?.trim()) {
    throw new UsageError(`--new-key writes a new key to --key-file, but ${DATABASE_KEY_ENV} is also set; unset it or drop --new-key.\n\nUsage: ${ENCRYPT_USAGE}`);
  }
  if (values['new-key']) {
    createKeyFile(keyFile!);
    process.stderr.write(`A new key was written to ${keyFile}. Keep a copy somewhere safe (a password manager): without it the workspace cannot be opened.\n`);
  }
  const resolved = resolveDatabaseKey(keyFile);
  if (!resolved) throw new UsageError(`Give the key with --key-file FILE or ${DATABASE_KEY_ENV}.\n\nUsage: ${ENCRYPT_USAGE}`);
  let report: EncryptionConversionReport;
  try {
    report = encryptWorkspace({ dataDir, key: resolved.key, now: Date.now() });
  } catch (error) {
    // A key made for this run that encrypted nothing is removed again, so the command can simply be re-run.
    if (values['new-key'] && !isEncrypted(join(dataDir, DATABASE_FILE_NAME))) {
      rmSync(keyFile!, { force: true });
      process.stderr.write(`Nothing was encrypted, so the new key file ${keyFile} was removed again.\n`);
    }
    throw error;
  }
  print(values.json === true, report, [
    `encrypted ${report.databaseFile}: ${report.tables} tables, ${report.rows} rows, ${report.conversations} conversations, audit ${auditText(report)}; verified before it replaced the plaintext database (${report.durationMs} ms).`,
    `The plaintext database was kept aside as ${report.previousDatabaseRemoved} until the encrypted copy verified, then deleted.`,
    `From now on start Tandem with the same key (--key-file ${keyFile ?? 'FILE'} or ${DATABASE_KEY_ENV}).`,
    ...(report.backupsInOldState.length > 0
      ? [`Warning: ${report.backupsInOldState.length} backup(s) in the backups folder are not encrypted; delete them or keep them only on encrypted storage:`, ...report.backupsInOldState.map((f) => `  ${f}`)]
      : []),
    'Deleted files may remain readable on the disk until overwritten; full-disk encryption covers that.',
  ]);
  return 0;
}

/** `tandem decrypt`: turns an encrypted workspace back into plaintext, offline and verified. */
export async function decryptCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...DATA_DIR_OPTION, ...KEY_FILE_OPTION, json: { type: 'boolean' } }, DECRYPT_USAGE);
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".\n\nUsage: ${DECRYPT_USAGE}`);
  const dataDir = resolveDataDir(values['data-dir']);
  const resolved = resolveDatabaseKey(values['key-file'] ? resolve(values['key-file']) : undefined);
  if (!resolved) throw new UsageError(`Give the workspace's key with --key-file FILE or ${DATABASE_KEY_ENV}.\n\nUsage: ${DECRYPT_USAGE}`);
  const report = decryptWorkspace({ dataDir, key: resolved.key, now: Date.now() });
  print(values.json === true, report, [
    `decrypted ${report.databaseFile}: ${report.tables} tables, ${report.rows} rows, ${report.conversations} conversations, audit ${auditText(report)}; verified before it replaced the encrypted database (${report.durationMs} ms).`,
    `The encrypted database was kept aside as ${report.previousDatabaseRemoved} until the plaintext copy verified, then deleted.`,
    `From now on start Tandem without a key (unset ${DATABASE_KEY_ENV}, drop --key-file).`,
    ...(report.backupsInOldState.length > 0
      ? [`Note: ${report.backupsInOldState.length} backup(s) in the backups folder are still encrypted and need the old key to be verified or restored.`]
      : []),
  ]);
  return 0;
}

function isEncrypted(file: string): boolean {
  try {
    return databaseFileKind(file) === 'encrypted';
  } catch {
    return false;
  }
}

function auditText(report: EncryptionConversionReport): string {
  if (!report.audit) return 'absent';
  return report.audit.ok ? `${report.audit.entries} entries verified` : `broken at entry ${report.audit.brokenSeq}`;
}

function print(json: boolean, report: EncryptionConversionReport, lines: string[]): void {
  process.stdout.write(json ? `${JSON.stringify(report)}\n` : `${lines.join('\n')}\n`);
}
