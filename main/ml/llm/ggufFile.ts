import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { freemem } from 'node:os';
import { basename } from 'node:path';
import { GgmlType, GgufFileType, readGgufFileInfo, type GgufTensorInfo } from 'node-llama-cpp';
import { TandemError } from '../../engine/errors.js';

import type { GgufModelFile } from './modelTypes.js';

export type { GgufModelFile };

export interface InspectOptions {
  /** Free memory in bytes; injectable so the "too large" path is testable on any machine. */
  readonly freeMemory?: () => number;
}

/** Room beyond the weights for the KV cache, compute buffers and llama.cpp itself (measured ~10–20%). */
const OVERHEAD_FACTOR = 1.2;
const OVERHEAD_BYTES = 64 * 1024 * 1024;

export function requiredMemory(sizeBytes: number): number {
  return Math.round(sizeBytes * OVERHEAD_FACTOR) + OVERHEAD_BYTES;
}

/** Bytes per block and values per block for the tensor types small chat models ship in. */
const TYPE_SIZES: Partial<Record<GgmlType, readonly [bytes: number, values: number]>> = {
  [GgmlType.F32]: [4, 1],
  [GgmlType.F16]: [2, 1],
  [GgmlType.BF16]: [2, 1],
  [GgmlType.Q4_0]: [18, 32],
  [GgmlType.Q4_1]: [20, 32],
  [GgmlType.Q5_0]: [22, 32],
  [GgmlType.Q5_1]: [24, 32],
  [GgmlType.Q8_0]: [34, 32],
  [GgmlType.Q2_K]: [84, 256],
  [GgmlType.Q3_K]: [110, 256],
  [GgmlType.Q4_K]: [144, 256],
  [GgmlType.Q5_K]: [176, 256],
  [GgmlType.Q6_K]: [210, 256],
  [GgmlType.IQ4_NL]: [18, 32],
  [GgmlType.IQ4_XS]: [136, 256],
};

function tensorEnd(tensor: GgufTensorInfo): number {
  const start = Number(tensor.fileOffset);
  const size = TYPE_SIZES[tensor.ggmlType];
  if (!size) return start + 1; // An exotic type: at least its first byte must be there.
  const values = tensor.dimensions.reduce<number>((product, dim) => product * Number(dim), 1);
  return start + Math.ceil(values / size[1]) * size[0];
}

function startsWithGgufMagic(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const magic = Buffer.alloc(4);
    const read = readSync(fd, magic, 0, 4, 0);
    return read === 4 && magic.toString('latin1') === 'GGUF';
  } finally {
    closeSync(fd);
  }
}

function quantizationName(fileType: unknown): string {
  if (typeof fileType !== 'number' || !(fileType in GgufFileType)) return 'unknown';
  const name = GgufFileType[fileType] as string;
  return name.replace(/^MOSTLY_/, '').replace(/^ALL_/, '');
}

/**
 * Reads a GGUF header (not the weights) and checks the file is whole: the header must parse and the
 * last tensor must end inside the file. Throws E_MODEL_NOT_FOUND / E_MODEL_NOT_GGUF / E_MODEL_TRUNCATED.
 */
export async function inspectGgufFile(path: string, options: InspectOptions = {}): Promise<GgufModelFile> {
  let sizeBytes: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new Error('not a file');
    sizeBytes = stat.size;
  } catch {
    throw new TandemError('E_MODEL_NOT_FOUND', `${basename(path)} was not found.`);
  }
  if (!startsWithGgufMagic(path)) throw new TandemError('E_MODEL_NOT_GGUF', `${basename(path)} does not start with the GGUF signature.`);

  let info;
  try {
    // The token list is large and not needed to describe the file.
    info = await readGgufFileInfo(path, { sourceType: 'filesystem', logWarnings: false, ignoreKeys: ['tokenizer.ggml.tokens', 'tokenizer.ggml.scores', 'tokenizer.ggml.token_type', 'tokenizer.ggml.merges'] });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    // A GGUF signature with an unreadable header is almost always a copy that stopped early.
    throw new TandemError('E_MODEL_TRUNCATED', `${basename(path)}: the header could not be read (${detail}).`);
  }
  const tensors = info.fullTensorInfo ?? [];
  const end = tensors.reduce((max, tensor) => Math.max(max, tensorEnd(tensor)), 0);
  if (tensors.length === 0 || end > sizeBytes) {
    throw new TandemError('E_MODEL_TRUNCATED', `${basename(path)} is ${sizeBytes} bytes but its tensors need ${end}.`);
  }

  const general = (info.metadata as { general?: { name?: unknown; architecture?: unknown; file_type?: unknown } }).general ?? {};
  const architectureMetadata = info.architectureMetadata as { context_length?: unknown } | undefined;
  const tokenizer = (info.metadata as { tokenizer?: { chat_template?: unknown } }).tokenizer;
  const required = requiredMemory(sizeBytes);
  const free = (options.freeMemory ?? freemem)();
  return {
    path,
    fileName: basename(path),
    name: typeof general.name === 'string' && general.name.trim() ? general.name : basename(path, '.gguf'),
    architecture: typeof general.architecture === 'string' ? general.architecture : 'unknown',
    sizeBytes,
    quantization: quantizationName(general.file_type),
    contextLength: typeof architectureMetadata?.context_length === 'number' ? architectureMetadata.context_length : null,
    hasChatTemplate: typeof tokenizer?.chat_template === 'string',
    requiredBytes: required,
    fitsInMemory: required <= free,
  };
}

/** Throws E_MODEL_TOO_LARGE when the file would not fit in free memory. */
export function assertFitsInMemory(file: GgufModelFile): void {
  if (!file.fitsInMemory) {
    const gb = (bytes: number): string => `${(bytes / 1024 ** 3).toFixed(1)} GB`;
    throw new TandemError('E_MODEL_TOO_LARGE', `${file.fileName} needs about ${gb(file.requiredBytes)}.`);
  }
}
