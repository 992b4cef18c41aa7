import { lstatSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
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

/** Expands files and folders (recursively, hidden entries and symlinks skipped) into import sources. */
export function sourcesFromPaths(paths: readonly string[]): ImportSource[] {
  const sources: ImportSource[] = [];
  for (const given of paths) {
    const path = resolve(given);
    let stat;
    try {
      stat = lstatSync(path);
    } catch {
      sources.push(refused(path, 'The path does not exist; check the spelling.'));
      continue;
    }
    if (stat.isDirectory()) walk(path, path, sources);
    else if (!stat.isFile()) sources.push(refused(path, 'Not a regular file.'));
    else if (!formatOf(path)) sources.push(refused(path, 'Unsupported file type; import .md, .txt, .html, .pdf or .json files.'));
    else sources.push(fileSource(path, stat.size));
  }
  return sources;
}

function walk(root: string, dir: string, sources: ImportSource[]): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (error) {
    sources.push(refused(dir, `The folder could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`));
    return;
  }
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    let stat;
    try {
      stat = lstatSync(path);
    } catch {
      continue;
    }
    if (stat.isDirectory()) walk(root, path, sources);
    else if (stat.isFile() && formatOf(name)) {
      const folder = relative(root, dirname(path)).split(sep)[0];
      sources.push(fileSource(path, stat.size, folder || undefined));
    }
  }
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
