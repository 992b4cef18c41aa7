import { TandemError } from '../../engine/errors.js';
import type { dataSafetyMethods } from '../methods/dataSafety.js';
import type { HandlerTable } from './context.js';

export const dataSafetyHandlers: HandlerTable<keyof typeof dataSafetyMethods> = {
  'backup.create': ({ engine }) => engine.dataSafety.createBackup(),
  'backup.list': ({ engine }) => engine.dataSafety.listBackups(),
  'backup.verify': ({ engine }, input) => engine.dataSafety.verifyBackup(input.name),
  'backup.restore': async (ctx, input) => {
    if (!ctx.restoreBackup) {
      throw new TandemError('E_DB_IN_USE', 'This host cannot reopen its workspace, so it cannot restore in place; run `tandem backup restore` with Tandem closed.');
    }
    const report = await ctx.restoreBackup(input.name, ctx.actor);
    return { ...report, migrated: [...report.migrated] };
  },
  'conversation.export': ({ engine }, input) => {
    const { fileName, export: data } = engine.dataSafety.exportConversation(input.id);
    return { fileName, content: `${JSON.stringify(data, null, 2)}\n`, auditVerdict: data.audit.verdict };
  },
  'retention.get': ({ engine }) => engine.dataSafety.retention(),
  'retention.set': ({ engine }, input) => engine.dataSafety.setRetention({ purgeAfterDays: input.purgeAfterDays }),
  'retention.purge': ({ engine, actor }, input) =>
    engine.dataSafety.purge({ actor, ...(input.days !== undefined ? { days: input.days } : {}), ...(input.dryRun !== undefined ? { dryRun: input.dryRun } : {}) }),
};
