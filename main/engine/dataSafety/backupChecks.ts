import type { BackupEntry } from './backupCatalog.js';
import type { BackupVerdict } from './verifyBackup.js';

/** What the backups list says about one file: verified, refused (with why), or not checked since Tandem started. */
export interface BackupCheck {
  readonly status: 'verified' | 'failed' | 'unchecked';
  readonly reason: string | null;
  readonly checkedAt: number | null;
}

interface Remembered {
  readonly bytes: number;
  readonly modifiedAt: number;
  readonly verdict: BackupVerdict;
  readonly checkedAt: number;
}

/**
 * Verdicts of the backups checked in this process, by file. Verifying runs a full integrity check, too
 * slow to repeat for every file each time the list is shown, so the list reports the last verdict, and
 * only while the file's size and modification time are the ones that were checked: a file changed since
 * counts as unchecked again. Kept per process (not per engine), so a verdict survives a restore.
 */
const remembered = new Map<string, Remembered>();

export function rememberCheck(entry: Pick<BackupEntry, 'file' | 'bytes' | 'createdAt'>, verdict: BackupVerdict, checkedAt: number): void {
  remembered.set(entry.file, { bytes: entry.bytes, modifiedAt: entry.createdAt, verdict, checkedAt });
}

export function checkOf(entry: Pick<BackupEntry, 'file' | 'bytes' | 'createdAt'>): BackupCheck {
  const known = remembered.get(entry.file);
  if (!known || known.bytes !== entry.bytes || known.modifiedAt !== entry.createdAt) return { status: 'unchecked', reason: null, checkedAt: null };
  return known.verdict.ok
    ? { status: 'verified', reason: null, checkedAt: known.checkedAt }
    : { status: 'failed', reason: known.verdict.reason, checkedAt: known.checkedAt };
}
