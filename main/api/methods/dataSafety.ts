import { z } from 'zod';
import { MAX_RETENTION_DAYS } from '../../engine/dataSafety/retentionSettings.js';
import { Id } from '../schemas.js';

const Days = z.number().int().min(1).max(MAX_RETENTION_DAYS);
const BackupName = z.string().min(1).max(200).regex(/^[A-Za-z0-9._-]+$/, { message: 'A backup name is a file name from backup.list, not a path.' });

const AuditVerification = z.union([
  z.object({ ok: z.literal(true), entries: z.number().int(), lastHash: z.string() }),
  z.object({ ok: z.literal(false), entries: z.number().int(), brokenSeq: z.number().int(), reason: z.string() }),
]);
const Verdict = z.union([
  z.object({
    ok: z.literal(true),
    file: z.string(),
    schemaVersion: z.number().int(),
    integrity: z.literal('ok'),
    audit: AuditVerification.nullable(),
    conversations: z.number().int(),
    encrypted: z.boolean(),
  }),
  z.object({ ok: z.literal(false), file: z.string(), reason: z.string() }),
]);
const BackupCheck = z.object({ status: z.enum(['verified', 'failed', 'unchecked']), reason: z.string().nullable(), checkedAt: z.number().nullable() });
const Backup = z.object({ name: z.string(), file: z.string(), bytes: z.number().int(), createdAt: z.number(), check: BackupCheck });

export const dataSafetyMethods = {
  /** An online backup of the whole database into the data folder's backups/ folder, verified after writing. */
  'backup.create': {
    input: z.object({}).strict(),
    output: z.object({ file: z.string(), bytes: z.number().int(), pages: z.number().int(), durationMs: z.number(), verdict: Verdict }),
  },
  /** The backups in the backups/ folder, newest first, each with its last verification verdict ('unchecked' until verified). */
  'backup.list': {
    input: z.object({}).strict(),
    output: z.object({
      folder: z.string().nullable(),
      backups: z.array(Backup),
      restoreInstructions: z.string(),
      /** The workspace database (and so every backup made from it) is encrypted with a key. */
      encryptedAtRest: z.boolean(),
    }),
  },
  'backup.verify': {
    input: z.object({ name: BackupName }).strict(),
    output: Verdict,
  },
  /**
   * Replaces the workspace with one of the listed backups while Tandem runs: verifies it (a bad one is
   * refused and nothing changes), keeps the current database aside as tandem.db.before-restore-<time>,
   * reopens the workspace on the backup and tells every open window to reload ('workspace.restored').
   */
  'backup.restore': {
    input: z.object({ name: BackupName }).strict(),
    output: z.object({
      backupName: z.string(),
      restoredAt: z.number(),
      previousDatabase: z.string().nullable(),
      schemaVersion: z.number().int(),
      conversations: z.number().int(),
      migrated: z.array(z.string()),
      auditSeq: z.number().int().nullable(),
    }),
  },
  /** One conversation with its assist results, actions, escalations, drafts and audit entries, as a JSON file. */
  'conversation.export': {
    input: z.object({ id: Id }).strict(),
    output: z.object({ fileName: z.string(), content: z.string(), auditVerdict: z.enum(['verified', 'broken', 'no audit log']) }),
  },
  'retention.get': {
    input: z.object({}).strict(),
    output: z.object({ purgeAfterDays: Days.nullable() }),
  },
  /** "Purge customer data older than N days"; null turns it off (the default). */
  'retention.set': {
    input: z.object({ purgeAfterDays: Days.nullable() }).strict(),
    output: z.object({ purgeAfterDays: Days.nullable() }),
  },
  /** Purges now with the given period or the workspace's setting; dryRun counts without deleting. */
  'retention.purge': {
    input: z.object({ days: Days.optional(), dryRun: z.boolean().optional() }).strict(),
    output: z.object({
      dryRun: z.boolean(),
      olderThanDays: z.number().int(),
      cutoff: z.number(),
      conversations: z.number().int(),
      messages: z.number().int(),
      rowsByTable: z.record(z.string(), z.number().int()),
      auditSeq: z.number().int().nullable(),
      vacuumed: z.boolean(),
    }),
  },
} as const;
