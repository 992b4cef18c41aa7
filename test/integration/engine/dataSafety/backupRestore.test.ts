import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../../main/api/dispatcher.js';
import { restoreBackup } from '../../../../main/engine/dataSafety/restoreBackup.js';
import { verifyBackup } from '../../../../main/engine/dataSafety/verifyBackup.js';
import { TandemError } from '../../../../main/engine/errors.js';
import { openEngine, type Engine } from '../../../../main/engine/index.js';
import { FixedClock } from '../../../support/fixedClock.js';
import { tempDir } from '../../../support/tempDir.js';

function engineIn(dir: string, clock = new FixedClock()): Engine {
  return openEngine({ dataDir: dir, clock });
}

function sha(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return error instanceof TandemError ? error.code : `not a TandemError: ${String(error)}`;
  }
  return 'no error';
}

function auditedEngine(dir: string): Engine {
  const engine = engineIn(dir);
  const conversation = engine.conversations.create({ firstMessage: 'Hello, I need help with an order.' });
  for (let i = 0; i < 3; i += 1) {
    engine.actions.audit.append({ workspaceId: engine.workspace.id, actor: 'agent:ana', kind: 'ticket.opened', conversationId: conversation.id, data: { n: i } });
  }
  return engine;
}

describe('backup', () => {
  it('copies a consistent snapshot while writes keep going, and the copy verifies', async () => {
    const dir = tempDir();
    const engine = engineIn(dir);
    try {
      for (let i = 0; i < 300; i += 1) engine.conversations.create({ firstMessage: `Existing question ${i} ${'x'.repeat(400)}` });
      const before = (engine.db.prepare('SELECT COUNT(*) AS n FROM conversations').get() as { n: number }).n;
      let writes = 0;
      let writing = true;
      // A writer on the event loop: runs between the backup's page steps, as the app's traffic would.
      const writer = (async () => {
        while (writing) {
          engine.conversations.create({ firstMessage: `Written during the backup ${writes}` });
          writes += 1;
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      const report = await engine.dataSafety.createBackup();
      writing = false;
      await writer;
      expect(writes).toBeGreaterThan(0);
      expect(report.verdict).toMatchObject({ ok: true, integrity: 'ok' });
      const copied = report.verdict.ok ? report.verdict.conversations : -1;
      expect(copied).toBeGreaterThanOrEqual(before);
      expect(copied).toBeLessThanOrEqual(before + writes);
      // One snapshot: every message in the copy belongs to a conversation in the copy, and vice versa.
      const copy = new BetterSqlite3(report.file, { readonly: true });
      try {
        expect(copy.pragma('foreign_key_check')).toEqual([]);
        const orphans = copy.prepare('SELECT COUNT(*) AS n FROM conversations c WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id)').get() as { n: number };
        expect(orphans.n).toBe(0);
        expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      } finally {
        copy.close();
      }
      expect(report.file.startsWith(join(dir, 'backups'))).toBe(true);
      expect(readdirSync(join(dir, 'backups')).filter((n) => n.endsWith('.partial'))).toEqual([]);
      const listed = engine.dataSafety.listBackups();
      expect(listed.backups.map((b) => b.file)).toEqual([report.file]);
      expect(listed.restoreInstructions).toMatch(/tandem backup restore/);
    } finally {
      engine.close();
    }
  });

  it('never overwrites an existing file', async () => {
    const dir = tempDir();
    const engine = engineIn(dir);
    try {
      const dest = join(dir, 'mine.db');
      writeFileSync(dest, 'keep me');
      await expect(engine.dataSafety.createBackup(dest)).rejects.toMatchObject({ code: 'E_BACKUP_FAILED' });
      expect(readFileSync(dest, 'utf8')).toBe('keep me');
    } finally {
      engine.close();
    }
  });

  it('is reachable through the API: create, list, verify by name (paths refused)', async () => {
    const dir = tempDir();
    const engine = engineIn(dir);
    const api = createDispatcher({ engine, appVersion: 'test' }, { validateOutput: true });
    try {
      const created = await api.invoke('backup.create', {});
      expect(created).toMatchObject({ ok: true, value: { verdict: { ok: true } } });
      const listed = await api.invoke('backup.list', {});
      if (!listed.ok) throw new Error(listed.error.message);
      const name = listed.value.backups[0]!.name;
      expect(await api.invoke('backup.verify', { name })).toMatchObject({ ok: true, value: { ok: true, integrity: 'ok' } });
      expect(await api.invoke('backup.verify', { name: '../tandem.db' })).toMatchObject({ ok: false, error: { code: 'E_VALIDATION' } });
      expect(await api.invoke('backup.verify', { name: 'tandem-backup-none.db' })).toMatchObject({ ok: false, error: { code: 'E_NOT_FOUND' } });
    } finally {
      engine.close();
    }
  });
});

describe('verifyBackup refuses what cannot be restored', () => {
  it('names the problem for a text file, a truncated copy, a damaged page, a newer schema and an edited audit log', async () => {
    const dir = tempDir();
    const engine = auditedEngine(dir);
    for (let i = 0; i < 200; i += 1) engine.conversations.create({ firstMessage: `Padding ${i} ${'y'.repeat(1000)}` });
    const good = (await engine.dataSafety.createBackup()).file;
    engine.close();
    expect(verifyBackup(good)).toMatchObject({ ok: true, audit: { ok: true, entries: 3 } });

    const text = join(dir, 'notes.db');
    writeFileSync(text, 'not a database\n'.repeat(50));
    expect(verifyBackup(text)).toMatchObject({ ok: false, reason: expect.stringMatching(/not a SQLite database/) });

    const bytes = readFileSync(good);
    const truncated = join(dir, 'truncated.db');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(verifyBackup(truncated).ok).toBe(false);

    const damaged = join(dir, 'damaged.db');
    const copy = Buffer.from(bytes);
    const pageSize = copy.readUInt16BE(16);
    // Scribble over a b-tree page in the middle (not the header page): the integrity check must notice.
    const page = Math.floor(copy.length / pageSize / 2);
    copy.fill(0xa5, page * pageSize, page * pageSize + 200);
    writeFileSync(damaged, copy);
    expect(verifyBackup(damaged).ok).toBe(false);

    const newer = join(dir, 'newer.db');
    writeFileSync(newer, bytes);
    const n = new BetterSqlite3(newer);
    n.pragma('user_version = 999');
    n.close();
    expect(verifyBackup(newer)).toMatchObject({ ok: false, reason: expect.stringMatching(/newer/) });

    const tampered = join(dir, 'tampered.db');
    writeFileSync(tampered, bytes);
    const t = new BetterSqlite3(tampered);
    t.exec(`DROP TRIGGER audit_log_append_only_update; UPDATE audit_log SET data_json = '{"n":7}' WHERE seq = 2`);
    t.close();
    expect(verifyBackup(tampered)).toMatchObject({ ok: false, reason: expect.stringMatching(/audit log is broken at entry 2/) });
  });
});

describe('verifyBackup on a raw copy of a WAL-mode database', () => {
  it('accepts it and leaves no -wal/-shm files behind', () => {
    const dir = tempDir();
    auditedEngine(dir).close();
    const copy = join(dir, 'copy.db');
    writeFileSync(copy, readFileSync(join(dir, 'tandem.db')));
    expect(readFileSync(copy)[18]).toBe(2); // WAL mode in the header
    expect(verifyBackup(copy)).toMatchObject({ ok: true, audit: { ok: true, entries: 3 } });
    expect(readdirSync(dir).filter((n) => n.startsWith('copy.db'))).toEqual(['copy.db']);
  });
});

describe('restore', () => {
  it('refuses a bad file with E_BACKUP_INVALID and leaves the live database byte-identical', async () => {
    const dir = tempDir();
    const engine = auditedEngine(dir);
    const good = (await engine.dataSafety.createBackup()).file;
    engine.close();
    const live = join(dir, 'tandem.db');
    const before = sha(live);
    const bad = join(dir, 'bad.db');
    const bytes = readFileSync(good);
    writeFileSync(bad, bytes.subarray(0, 4096));
    expect(codeOf(() => restoreBackup({ dataDir: dir, backupFile: bad, now: Date.now() }))).toBe('E_BACKUP_INVALID');
    expect(codeOf(() => restoreBackup({ dataDir: dir, backupFile: join(dir, 'missing.db'), now: Date.now() }))).toBe('E_BACKUP_INVALID');
    expect(sha(live)).toBe(before);
    expect(readdirSync(dir).filter((n) => n.includes('before-restore'))).toEqual([]);
  });

  it('refuses while the database is open in a running engine (E_DB_IN_USE), changing nothing', async () => {
    const dir = tempDir();
    const engine = auditedEngine(dir);
    try {
      const good = (await engine.dataSafety.createBackup()).file;
      const conversations = engine.conversations.list().length;
      expect(codeOf(() => restoreBackup({ dataDir: dir, backupFile: good, now: Date.now() }))).toBe('E_DB_IN_USE');
      // The running engine still works on its own database.
      engine.conversations.create({ firstMessage: 'still here' });
      expect(engine.conversations.list().length).toBe(conversations + 1);
      expect(readdirSync(dir).filter((n) => n.includes('before-restore'))).toEqual([]);
    } finally {
      engine.close();
    }
  });

  it('puts a good backup in place, keeps the previous database aside, and the engine reopens on it', async () => {
    const dir = tempDir();
    const engine = auditedEngine(dir);
    const kept = engine.conversations.create({ firstMessage: 'Before the backup' });
    const backup = (await engine.dataSafety.createBackup()).file;
    const later = engine.conversations.create({ firstMessage: 'After the backup' });
    engine.close();

    const report = restoreBackup({ dataDir: dir, backupFile: backup, now: Date.UTC(2026, 0, 2, 3, 4, 5) });
    expect(report.previousDatabase).toBe(join(dir, 'tandem.db.before-restore-2026-01-02T03-04-05-000Z'));
    expect(existsSync(report.previousDatabase!)).toBe(true);
    expect(statSync(report.previousDatabase!).size).toBeGreaterThan(0);

    const reopened = engineIn(dir);
    try {
      const ids = reopened.conversations.list().map((c) => c.id);
      expect(ids).toContain(kept.id);
      expect(ids).not.toContain(later.id);
      expect(reopened.actions.audit.verify()).toMatchObject({ ok: true, entries: 3 });
      expect(reopened.db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      reopened.close();
    }
    // The database from before the restore is intact and still holds the later conversation.
    const previous = new BetterSqlite3(report.previousDatabase!, { readonly: true });
    try {
      expect(previous.prepare('SELECT COUNT(*) AS n FROM conversations WHERE id = ?').get(later.id)).toEqual({ n: 1 });
    } finally {
      previous.close();
    }
  });
});

describe('restore of a backup from an older version', () => {
  it('migrates it forward when it is put in place', async () => {
    const { MIGRATIONS } = await import('../../../../main/engine/store/migrations/index.js');
    const dir = tempDir();
    const older = openEngine({ dataDir: dir, clock: new FixedClock(), migrations: MIGRATIONS.slice(0, -1) });
    const conversation = older.conversations.create({ firstMessage: 'From the older version' });
    const backup = (await older.dataSafety.createBackup()).file;
    older.close();
    const target = tempDir();
    const report = restoreBackup({ dataDir: target, backupFile: backup, now: Date.now() });
    expect(report.previousDatabase).toBeNull();
    expect(report.migrated).toEqual([`${String(MIGRATIONS.at(-1)!.version).padStart(4, '0')}_${MIGRATIONS.at(-1)!.name}`]);
    const reopened = engineIn(target);
    try {
      expect(reopened.conversations.get(conversation.id).messages[0]!.content).toBe('From the older version');
    } finally {
      reopened.close();
    }
  });
});
