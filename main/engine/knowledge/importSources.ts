import { lstat, readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { formatOf } from './extract/extractDocument.js';

/** Files larger than this are refused before a byte is read: no help article is 50 MB of text. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** One thing to import: a file on disk or uploaded bytes. */
export interface ImportSource {
  /** What the import report shows. */
  readonly label: string;
  /** Identity for re-imports (absolute path, or upload:name). */
  readonly sourceKey: string;
  readonly name: string;
  readonly size: number;
  /** The folder a file sat in under the imported folder; a category when nothing else gives one. */
  readonly folderCategory?: string;
  /** A reason to refuse the source without reading it. */
  readonly refusal?: string;
  read(): Promise<Uint8Array>;
}

/** A folder import lists at most this many files: a system folder of 138,000 entries is not a knowledge base. */
export const MAX_IMPORT_FILES = 5_000;
/** Entries read between two yields to the event loop (other requests run in between). */
const ENTRIES_PER_TURN = 200;

export interface WalkOptions {
  readonly maxFiles?: number;
  readonly signal?: AbortSignal;
  /** Called now and then while listing: entries looked at and importable files found so far. */
  readonly onProgress?: (seen: number, found: number) => void;
}

/**
 * Expands files and folders (recursively, hidden entries and symlinks skipped) into import sources,
 * asynchronously: the walk reads folders with fs/promises and yields to the event loop every few hundred
 * entries, so listing a huge folder never stalls the host. It stops at `maxFiles` importable files and
 * reports the rest as one refused entry.
 */
export async function sourcesFromPaths(paths: readonly string[], options: WalkOptions = {}): Promise<ImportSource[]> {
  const maxFiles = options.maxFiles ?? MAX_IMPORT_FILES;
  const sources: ImportSource[] = [];
  const state = { seen: 0, found: 0, capped: false };
  const step = async (): Promise<void> => {
    state.seen += 1;
    if (state.seen % ENTRIES_PER_TURN === 0) {
      options.onProgress?.(state.seen, state.found);
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const add = (source: ImportSource): void => {
    if (state.found >= maxFiles) {
      state.capped = true;
      return;
    }
    if (!source.refusal) state.found += 1;
    sources.push(source);
  };

  async function walk(root: string, dir: string): Promise<void> {
    let names: string[];
    try {
      names = (await readdir(dir)).sort();
    } catch (error) {
      add(refused(dir, `The folder could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`));
      return;
    }
    for (const name of names) {
      if (state.capped || options.signal?.aborted) return;
      await step();
      if (name.startsWith('.')) continue;
      const path = join(dir, name);
      let stat;
      try {
        stat = await lstat(path);
      } catch {
        continue;
      }
      if (stat.isDirectory()) await walk(root, path);
      else if (stat.isFile() && formatOf(name)) {
        const folder = relative(root, dirname(path)).split(sep)[0];
        add(fileSource(path, stat.size, folder || undefined));
      }
    }
  }

  for (const given of paths) {
    const path = resolve(given);
    let stat;
    try {
      stat = await lstat(path);
    } catch {
      add(refused(path, 'The path does not exist; check the spelling.'));
      continue;
    }
    if (stat.isDirectory()) await walk(path, path);
    else if (!stat.isFile()) add(refused(path, 'Not a regular file.'));
    else if (!formatOf(path)) add(refused(path, 'Unsupported file type; import .md, .txt, .html, .pdf or .json files.'));
    else add(fileSource(path, stat.size));
  }
  options.onProgress?.(state.seen, state.found);
  if (state.capped) {
    sources.push(refused(paths.join(', '), `Only the first ${maxFiles.toLocaleString('en-US')} files were imported; the folder holds more. Import its subfolders one by one, or pick the files that are articles.`));
  }
  return sources;
}

function fileSource(path: string, size: number, folderCategory?: string): ImportSource {
  return {
    label: path,
    sourceKey: path,
    name: basename(path),
    size,
    ...(folderCategory ? { folderCategory } : {}),
    ...(size > MAX_FILE_BYTES ? { refusal: `The file is ${(size / 1024 / 1024).toFixed(0)} MB; files over 50 MB are not imported. Split it into smaller documents.` } : {}),
    read: async () => new Uint8Array(await readFile(path)),
  };
}

function refused(path: string, refusal: string): ImportSource {
  return { label: path, sourceKey: path, name: basename(path), size: 0, refusal, read: async () => new Uint8Array() };
}

/**
 * Uploaded file contents (the browser host's picker and drag-and-drop). A file from a picked or dropped
 * folder arrives named by its path inside it ("help/returns/refunds.md"); as with folders on disk, the
 * first folder below the picked one ("returns") is the category when nothing else gives one.
 */
export function sourceFromUpload(name: string, bytes: Uint8Array, sourceKey = `upload:${name}`): ImportSource {
  const parts = name.split('/').filter((part) => part.length > 0);
  const folderCategory = parts.length >= 3 ? parts[1] : undefined;
  return {
    label: name,
    sourceKey,
    name: parts.at(-1) ?? name,
    ...(folderCategory ? { folderCategory } : {}),
    size: bytes.length,
    ...(bytes.length > MAX_FILE_BYTES ? { refusal: 'The file is over 50 MB; split it into smaller documents.' } : {}),
    read: async () => bytes,
  };
}
