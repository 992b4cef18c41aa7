import type { dataSafetyMethods } from '../methods/dataSafety.js';
import type { HandlerTable } from './context.js';

export const dataSafetyHandlers: HandlerTable<keyof typeof dataSafetyMethods> = {
  'backup.create': ({ engine }) => engine.dataSafety.createBackup(),
  'backup.list': ({ engine }) => engine.dataSafety.listBackups(),
  'backup.verify': ({ engine }, input) => engine.dataSafety.verifyBackup(input.name),
  'conversation.export': ({ engine }, input) => {
    const { fileName, export: data } = engine.dataSafety.exportConversation(input.id);
    return { fileName, content: `${JSON.stringify(data, null, 2)}\n`, auditVerdict: data.audit.verdict };
  },
  'retention.get': ({ engine }) => engine.dataSafety.retention(),
  'retention.set': ({ engine }, input) => engine.dataSafety.setRetention({ purgeAfterDays: input.purgeAfterDays }),
  'retention.purge': ({ engine }, input) =>
    engine.dataSafety.purge({ actor: input.actor, ...(input.days !== undefined ? { days: input.days } : {}), ...(input.dryRun !== undefined ? { dryRun: input.dryRun } : {}) }),
};
