import type { Log } from '../engine/log.js';

/** Host log: one line per event on stderr, so stdout stays clean for JSON output of CLI commands. */
export function consoleLog(prefix = 'tandem'): Log {
  const line = (level: string, message: string, fields?: Record<string, unknown>): void => {
    const extra = fields && Object.keys(fields).length ? ` ${JSON.stringify(fields)}` : '';
    process.stderr.write(`${new Date().toISOString()} ${prefix} ${level} ${message}${extra}\n`);
  };
  return {
    info: (m, f) => line('info', m, f),
    warn: (m, f) => line('warn', m, f),
    error: (m, f) => line('error', m, f),
  };
}
