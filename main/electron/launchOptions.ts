import { parseArgs } from 'node:util';
import { DATA_DIR_ENV } from '../config/dataDir.js';

export interface LaunchOptions {
  readonly dataDirFlag: string | undefined;
  /** Open the window, check the bridge end to end, print a report and exit (used by the smoke test). */
  readonly smokeTest: boolean;
  readonly seedDemo: boolean;
  /** The key of an encrypted workspace in a file (TANDEM_DB_KEY is the alternative). */
  readonly keyFile: string | undefined;
  /**
   * Turn encryption at rest on: a new random key is wrapped with the OS keychain and saved in the data
   * folder (unless TANDEM_DB_KEY or --key-file gives one), and a plaintext workspace is converted.
   */
  readonly encrypt: boolean;
}

/**
 * Electron's argv mixes our flags with Chromium's (--no-sandbox, --enable-logging…), so unknown flags are
 * tolerated here rather than refused as the CLI does.
 */
export function parseLaunchArgs(argv: readonly string[]): LaunchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'data-dir': { type: 'string' },
      'smoke-test': { type: 'boolean' },
      'no-demo': { type: 'boolean' },
      'key-file': { type: 'string' },
      encrypt: { type: 'boolean' },
    },
    allowPositionals: true,
    strict: false,
  });
  const dataDir = values['data-dir'];
  const keyFile = values['key-file'];
  return {
    dataDirFlag: typeof dataDir === 'string' && dataDir.trim() ? dataDir : undefined,
    smokeTest: values['smoke-test'] === true,
    seedDemo: values['no-demo'] !== true,
    keyFile: typeof keyFile === 'string' && keyFile.trim() ? keyFile : undefined,
    encrypt: values.encrypt === true,
  };
}

/** --data-dir, else TANDEM_DATA_DIR, else Electron's per-user folder (the same folder the headless host uses). */
export function desktopDataDir(flag: string | undefined, env: NodeJS.ProcessEnv, userDataDefault: string): string {
  if (flag && flag.trim()) return flag;
  const fromEnv = env[DATA_DIR_ENV];
  if (fromEnv && fromEnv.trim()) return fromEnv;
  return userDataDefault;
}
