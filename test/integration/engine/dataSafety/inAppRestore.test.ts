import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../../main/api/contract.js';
import { createDispatcher, type Dispatcher } from '../../../../main/api/dispatcher.js';
import { RestorableEngine } from '../../../../main/engine/dataSafety/restorableEngine.js';
import { openEngine, type Engine } from '../../../../main/engine/index.js';
import { FixedClock } from '../../../support/fixedClock.js';
import { tempDir } from '../../../support/tempDir.js';

interface Workspace {
  readonly dir: string;
  readonly first: Engine;
  readonly live: RestorableEngine;
  readonly api: Dispatcher;
  readonly events: ApiEvent[];
}

const open: RestorableEngine[] = [];
afterEach(() => {
  for (const live of open.splice(0)) live.close();
});

/** A workspace served the way the hosts serve it: the API reads the engine at each call. */
function workspace(clock = new FixedClock()): Workspace {
  const dir = tempDir('tandem-restore');
  const first = openEngine({ dataDir: dir, clock });
  const live = new RestorableEngine({ engine: first, reopen: () => openEngine({ dataDir: dir, clock }) });
  open.push(live);
  const api = createDispatcher(
    {
      get engine() {
        return live.engine;
      },
      appVersion: 'test',
      restoreBackup: (name, actor) => live.restore(name, actor),
    },
    { validateOutput: true },
  );
  const events: ApiEvent[] = [];
  live.subscribe((event) => events.push(event));
  return { dir, first, live, api, events };
}

async function value<T>(result: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const settled = await result;
  if (!settled.ok) throw new Error(`${settled.error.code}: ${settled.error.message}`);
  return settled.value;
}

async function onlyBackupName(api: Dispatcher): Promise<string> {
  const listed = await value(api.invoke('backup.list', {}));
  expect(listed.backups).toHaveLength(1);
  return listed.backups[0]!.name;
}

const beforeRestoreFiles = (dir: string): string[] => readdirSync(dir).filter((n) => n.includes('before-restore'));

describe('restoring a backup while Tandem runs', () => {
  it('brings back a deleted conversation, keeps the previous database aside and reopens the workspace on the backup', async () => {
    const { dir, first, live, api, events } = workspace();
    const kept = await value(api.invoke('conversation.create', { customerRef: 'noah.brown7922@example.com', subject: 'Lamp', firstMessage: 'My desk lamp arrived broken.' }));
    await value(api.invoke('backup.create', {}));
    const name = await onlyBackupName(api);
    expect((await value(api.invoke('backup.list', {}))).backups[0]!.check.status).toBe('verified');

    await value(api.invoke('conversation.delete', { id: kept.id }));
    const later = await value(api.invoke('conversation.create', { subject: 'Written after the backup', firstMessage: 'Where is my parcel?' }));
    expect((await api.invoke('conversation.get', { id: kept.id })).ok).toBe(false);

    const report = await value(api.invoke('backup.restore', { name }));
    expect(report.backupName).toBe(name);
    expect(report.previousDatabase).toMatch(/^tandem\.db\.before-restore-/);
    expect(report.conversations).toBeGreaterThanOrEqual(1);

    // The deleted conversation is back with its message; what was written after the backup is not.
    const back = await value(api.invoke('conversation.get', { id: kept.id }));
    expect(back.messages.map((m) => m.content)).toContain('My desk lamp arrived broken.');
    expect(await api.invoke('conversation.get', { id: later.id })).toMatchObject({ ok: false, error: { code: 'E_NOT_FOUND' } });

    // A new engine serves the API; the old one is closed (its connection gone, so the file could be swapped).
    expect(live.engine).not.toBe(first);
    expect(first.db.open).toBe(false);
    expect(live.engine.db.pragma('journal_mode', { simple: true })).toBe('wal');

    // The database from before is kept, whole, with the later conversation and without the deleted one.
    const previous = new BetterSqlite3(join(dir, report.previousDatabase!), { readonly: true });
    try {
      expect(previous.prepare('SELECT id FROM conversations WHERE id IN (?, ?)').all(kept.id, later.id)).toEqual([{ id: later.id }]);
    } finally {
      previous.close();
    }

    // The restore is on the record, in the restored database's own (still valid) chain.
    const audit = live.engine.actions.audit;
    expect(audit.verify().ok).toBe(true);
    const entry = audit.list({ limit: 1_000_000 }).find((e) => e.seq === report.auditSeq);
    expect(entry).toMatchObject({ kind: 'backup.restored', actor: 'agent:Agent', data: { backup: name, previousDatabase: report.previousDatabase } });

    // Every window hears about it, and subscriptions follow the new engine.
    expect(events.filter((e) => e.type === 'workspace.restored')).toEqual([
      { type: 'workspace.restored', backupName: name, restoredAt: report.restoredAt, previousDatabase: report.previousDatabase, conversations: report.conversations },
    ]);
    const created = await value(api.invoke('conversation.create', { subject: 'After the restore' }));
    expect(events.some((e) => e.type === 'conversation.created' && e.conversation.id === created.id)).toBe(true);
  });

  it('refuses a corrupt backup: the live workspace stays open and untouched', async () => {
    const { dir, first, live, api } = workspace();
    for (let i = 0; i < 60; i += 1) live.engine.conversations.create({ firstMessage: `Question ${i} ${'z'.repeat(900)}` });
    const good = (await live.engine.dataSafety.createBackup()).file;
    const kept = await value(api.invoke('conversation.create', { subject: 'Written after the backup', firstMessage: 'Still here?' }));

    // A damaged copy in the backups folder, under a name the list shows.
    const bytes = Buffer.from(readFileSync(good));
    const pageSize = bytes.readUInt16BE(16);
    const page = Math.floor(bytes.length / pageSize / 2);
    bytes.fill(0xa5, page * pageSize, page * pageSize + 300);
    const corruptName = 'tandem-backup-2025-01-16T00-00-00-000Z.db';
    writeFileSync(join(dir, 'backups', corruptName), bytes);
    const before = live.engine.conversations.list().map((c) => c.id).sort();

    const refused = await api.invoke('backup.restore', { name: corruptName });
    expect(refused).toMatchObject({ ok: false, error: { code: 'E_BACKUP_INVALID' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/the live database was not touched/);

    // Same engine, still open, same data; no database was moved aside.
    expect(live.engine).toBe(first);
    expect(first.db.open).toBe(true);
    expect(live.engine.conversations.list().map((c) => c.id).sort()).toEqual(before);
    expect((await value(api.invoke('conversation.get', { id: kept.id }))).messages[0]!.content).toBe('Still here?');
    expect(beforeRestoreFiles(dir)).toEqual([]);
    // The list now says which backup failed verification, and why.
    const listed = await value(api.invoke('backup.list', {}));
    expect(listed.backups.find((b) => b.name === corruptName)?.check).toMatchObject({ status: 'failed', reason: expect.any(String) });
  });

  it('accepts only a name from the list, never a path', async () => {
    const { api } = workspace();
    await value(api.invoke('backup.create', {}));
    expect(await api.invoke('backup.restore', { name: '../tandem.db' })).toMatchObject({ ok: false, error: { code: 'E_VALIDATION' } });
    expect(await api.invoke('backup.restore', { name: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'E_VALIDATION' } });
    expect(await api.invoke('backup.restore', { name: 'tandem-backup-missing.db' })).toMatchObject({ ok: false, error: { code: 'E_NOT_FOUND' } });
    expect(await api.invoke('backup.restore', { name: 'tandem-backup-missing.db', actor: 'agent:mallory' } as never)).toMatchObject({ ok: false, error: { code: 'E_VALIDATION' } });
  });

  it('answers calls made during the restore with E_RESTORE_IN_PROGRESS, and allows one restore at a time', async () => {
    const { api } = workspace();
    await value(api.invoke('backup.create', {}));
    const name = await onlyBackupName(api);
    // Issued back to back, as requests arrive while the first one waits for the workspace to close.
    const restoring = api.invoke('backup.restore', { name });
    const during = api.invoke('conversation.list', {});
    const second = api.invoke('backup.restore', { name });
    expect(await during).toMatchObject({ ok: false, error: { code: 'E_RESTORE_IN_PROGRESS' } });
    expect(await second).toMatchObject({ ok: false, error: { code: 'E_RESTORE_IN_PROGRESS' } });
    expect(await restoring).toMatchObject({ ok: true });
    expect(await api.invoke('conversation.list', {})).toMatchObject({ ok: true });
  });

  it('changes nothing when another process has the database open, and reopens the workspace on its own data', async () => {
    const { dir, first, live, api } = workspace();
    await value(api.invoke('backup.create', {}));
    const name = await onlyBackupName(api);
    const later = await value(api.invoke('conversation.create', { subject: 'Written after the backup' }));
    const other = new BetterSqlite3(join(dir, 'tandem.db'));
    try {
      other.prepare('SELECT COUNT(*) FROM conversations').get();
      const refused = await api.invoke('backup.restore', { name });
      expect(refused).toMatchObject({ ok: false, error: { code: 'E_DB_IN_USE' } });
      if (!refused.ok) expect(refused.error.message).toMatch(/nothing was restored/);
    } finally {
      other.close();
    }
    expect(first.db.open).toBe(false);
    expect(live.engine).not.toBe(first);
    expect(await api.invoke('conversation.get', { id: later.id })).toMatchObject({ ok: true });
    expect(beforeRestoreFiles(dir)).toEqual([]);
    expect(existsSync(join(dir, 'tandem.db.restoring'))).toBe(false);
  });

  it('is refused by a host that cannot reopen its workspace, with the offline command in the message', async () => {
    const dir = tempDir('tandem-restore');
    const engine = openEngine({ dataDir: dir, clock: new FixedClock() });
    try {
      const api = createDispatcher({ engine, appVersion: 'test' }, { validateOutput: true });
      await value(api.invoke('backup.create', {}));
      const name = await onlyBackupName(api);
      const result = await api.invoke('backup.restore', { name });
      expect(result).toMatchObject({ ok: false, error: { code: 'E_DB_IN_USE' } });
      if (!result.ok) expect(result.error.message).toMatch(/tandem backup restore/);
      expect(beforeRestoreFiles(dir)).toEqual([]);
    } finally {
      engine.close();
    }
  });
});
