import { createDispatcher } from '../../api/dispatcher.js';
import { resolveDataDir } from '../../config/dataDir.js';
import { consoleLog } from '../../config/consoleLog.js';
import { removeHostRuntime, writeHostRuntime } from '../../config/hostRuntimeFile.js';
import { appVersion, RENDERER_DIST_DIR } from '../../config/paths.js';
import { openEngineHost } from '../../config/engineHost.js';
import { DEFAULT_PORT, startHttpHost } from '../../server/httpHost.js';
import { DATA_DIR_OPTION, databaseKeyOption, KEY_FILE_OPTION, parseCommandArgs, UsageError } from '../args.js';

const USAGE = `tandem serve [--port ${DEFAULT_PORT}] [--data-dir DIR] [--no-demo] [--connector CONFIG.json] [--key-file FILE]`;

/** The headless host: the same UI and contract as the desktop app, on 127.0.0.1 only. */
export async function serveCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    { ...DATA_DIR_OPTION, ...KEY_FILE_OPTION, port: { type: 'string' }, 'no-demo': { type: 'boolean' }, token: { type: 'string' }, connector: { type: 'string' } },
    USAGE,
  );
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0–65535.\n\nUsage: ${USAGE}`);
  const log = consoleLog();
  const dataDir = resolveDataDir(values['data-dir']);
  const engineHost = await openEngineHost({
    dataDir, log, seedDemo: !values['no-demo'],
    ...(values.connector ? { connectorConfig: values.connector } : {}),
    ...databaseKeyOption(values['key-file']),
  });
  // The engine is read at each call (an in-app restore reopens it), never kept here.
  const dispatcher = createDispatcher(
    engineHost.handlerContext(appVersion()),
    { onInternalError: (method, error) => log.error(`${method} failed`, { error: String((error as Error).stack ?? error) }) },
  );
  const host = await startHttpHost({
    dispatcher,
    subscribe: (listener) => engineHost.subscribe(listener),
    rendererDir: RENDERER_DIST_DIR,
    log,
    port,
    ...(values.token ? { token: values.token } : {}),
  });
  writeHostRuntime(dataDir, { url: host.url, token: host.token, pid: process.pid });
  process.stdout.write(
    [
      `Tandem is running at ${host.url}`,
      `  sign in:   ${host.newLaunchUrl().url}`,
      '             (open it in your browser; it works once, for 10 minutes; `tandem open` prints a new one)',
      `  data:      ${dataDir}${engineHost.engine.encrypted ? ' (encrypted at rest)' : ''}`,
      `  API token: ${host.token}   (for connectors: Authorization: Bearer <token>)`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  removeHostRuntime(dataDir, process.pid);
  await host.close();
  await engineHost.close();
  return 0;
}
