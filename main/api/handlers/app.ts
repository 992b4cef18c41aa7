import type { appMethods } from '../methods/app.js';
import type { HandlerTable } from './context.js';

export const appHandlers: HandlerTable<keyof typeof appMethods> = {
  'app.info': ({ engine, appVersion }) => ({
    version: appVersion,
    workspace: engine.workspace,
    dataDir: engine.dataDir,
    schemaVersion: engine.migration.to,
    commerce: engine.commerce.counts(engine.workspace.id),
  }),
};
