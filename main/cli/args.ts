import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolveDatabaseKey } from '../config/databaseKey.js';

/** Thin wrapper: unknown flags are an error with the command's usage, never silently ignored. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
  usage: string,
): ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\nUsage: ${usage}`);
  }
}

export class UsageError extends Error {}

export const DATA_DIR_OPTION = { 'data-dir': { type: 'string' } } as const;

/** The key of an encrypted workspace, in a file readable by its owner only (TANDEM_DB_KEY is the alternative). */
export const KEY_FILE_OPTION = { 'key-file': { type: 'string' } } as const;

/** Engine options for the workspace key from TANDEM_DB_KEY or --key-file; empty for a plaintext workspace. */
export function databaseKeyOption(keyFile: string | undefined): { databaseKey?: string } {
  const resolved = resolveDatabaseKey(keyFile);
  return resolved ? { databaseKey: resolved.key } : {};
}
