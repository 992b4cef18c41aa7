/** A file the agent picked or dropped, with its path inside a dropped or picked folder. */
export interface PickedFile {
  readonly file: File;
  /** "name.md" for a single file, "folder/sub/name.md" for a file from a folder. */
  readonly path: string;
}

/** The extensions the importer reads; other files inside a folder are skipped, as the CLI does. */
const IMPORTABLE = /\.(md|markdown|txt|text|html?|pdf|json)$/i;

const isHidden = (path: string): boolean => path.split('/').some((part) => part.startsWith('.'));

/** From an <input type=file> (with or without webkitdirectory). */
export function filesFromInput(list: FileList | null): PickedFile[] {
  const picked: PickedFile[] = [];
  for (const file of Array.from(list ?? [])) {
    const path = file.webkitRelativePath || file.name;
    if (file.webkitRelativePath && (isHidden(path) || !IMPORTABLE.test(file.name))) continue;
    picked.push({ file, path });
  }
  return picked;
}

/**
 * From a drop: files as they are, folders walked recursively. The entries must be taken from the
 * DataTransfer synchronously, before the first await, or the browser empties it.
 */
export async function filesFromDrop(transfer: DataTransfer): Promise<PickedFile[]> {
  const entries = Array.from(transfer.items)
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry?.() ?? null);
  if (entries.every((e) => e === null)) return Array.from(transfer.files).map((file) => ({ file, path: file.name }));
  const picked: PickedFile[] = [];
  for (const entry of entries) {
    if (!entry) continue;
    if (entry.isFile) picked.push({ file: await fileOf(entry as FileSystemFileEntry), path: entry.name });
    else if (entry.isDirectory) await walk(entry as FileSystemDirectoryEntry, entry.name, picked);
  }
  return picked;
}

async function walk(dir: FileSystemDirectoryEntry, prefix: string, into: PickedFile[]): Promise<void> {
  const reader = dir.createReader();
  // readEntries returns at most ~100 entries a call; an empty batch means the folder is exhausted.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    for (const entry of batch.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = `${prefix}/${entry.name}`;
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory) await walk(entry as FileSystemDirectoryEntry, path, into);
      else if (entry.isFile && IMPORTABLE.test(entry.name)) into.push({ file: await fileOf(entry as FileSystemFileEntry), path });
    }
  }
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** The file's bytes as base64 (what knowledge.importFiles carries). */
export function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}
