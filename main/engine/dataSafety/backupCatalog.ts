import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const BACKUP_FOLDER = 'backups';
export const BACKUP_PREFIX = 'tandem-backup-';

export interface BackupEntry {
  readonly name: string;
  readonly file: string;
  readonly bytes: number;
  readonly createdAt: number;
}

/** The backups in the data directory's backups/ folder, newest first (half-written .partial files are not backups). */
export function listBackups(dataDir: string): BackupEntry[] {
  const folder = join(dataDir, BACKUP_FOLDER);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.startsWith(BACKUP_PREFIX) && name.endsWith('.db'))
    .map((name) => {
      const file = join(folder, name);
      const stat = statSync(file);
      return { name, file, bytes: stat.size, createdAt: stat.mtimeMs };
    })
    .sort((a, b) => b.createdAt - a.createdAt || b.name.localeCompare(a.name));
}
