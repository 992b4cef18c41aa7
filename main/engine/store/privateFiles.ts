import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Log } from '../log.js';

/** Only the owner may read the data folder: it holds customer conversations, in plaintext by default. */
export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Folders below the data folder that hold copies of customer data. */
const PRIVATE_SUBFOLDERS = ['backups', 'exports'];

const octal = (mode: number): string => `0${(mode & 0o777).toString(8)}`;

/**
 * Creates the data folder owner-only (0700), or tightens an existing one and every file in it (the
 * database, its -wal and -shm, backups, exports, files kept aside by a restore) to 0600, saying so in the
 * log. Folders made by older versions were 0755 with 0644 files: any local user could copy the database.
 * POSIX modes only; on Windows the user profile's ACLs already keep other users out.
 */
export function securePrivateFolder(dir: string, log: Log): void {
  if (process.platform === 'win32') {
    mkdirSync(dir, { recursive: true });
    return;
  }
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
    chmodSync(dir, PRIVATE_FOLDER_MODE); // mkdir's mode is masked by the umask; this is exact
    return;
  }
  const tightened: string[] = [];
  const tighten = (path: string, mode: number): void => {
    const current = statSync(path).mode & 0o777;
    if ((current & 0o077) === 0) return;
    chmodSync(path, mode);
    tightened.push(`${path} ${octal(current)} → ${octal(mode)}`);
  };
  tighten(dir, PRIVATE_FOLDER_MODE);
  for (const folder of [dir, ...PRIVATE_SUBFOLDERS.map((name) => join(dir, name)).filter(existsSync)]) {
    if (folder !== dir) tighten(folder, PRIVATE_FOLDER_MODE);
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isFile()) tighten(join(folder, entry.name), PRIVATE_FILE_MODE);
    }
  }
  if (tightened.length > 0) log.warn('The data folder was readable by other users; made it private to you.', { tightened });
}

/**
 * Makes sure a file exists with mode 0600 before SQLite opens it: SQLite creates its -wal, -shm and
 * -journal files with the database file's own mode, so they are private too.
 */
export function createPrivateFile(path: string): void {
  if (process.platform === 'win32' || existsSync(path)) return;
  closeSync(openSync(path, 'wx', PRIVATE_FILE_MODE));
  chmodSync(path, PRIVATE_FILE_MODE);
}

/** A private folder for copies of customer data (backups, exports). */
export function ensurePrivateFolder(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  if (process.platform !== 'win32') chmodSync(path, PRIVATE_FOLDER_MODE);
}

/** An existing file made owner-only (a copied backup keeps its source's mode otherwise). */
export function makePrivate(path: string): void {
  if (process.platform !== 'win32') chmodSync(path, PRIVATE_FILE_MODE);
}
