import { parseArgs, type ParseArgsConfig } from 'node:util';

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
