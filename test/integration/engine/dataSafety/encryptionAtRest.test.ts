import { createDecipheriv, createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../../main/api/dispatcher.js';
import { decryptWorkspace, encryptWorkspace } from '../../../../main/engine/dataSafety/convertEncryption.js';
import { RestorableEngine } from '../../../../main/engine/dataSafety/restorableEngine.js';
import { restoreBackup } from '../../../../main/engine/dataSafety/restoreBackup.js';
import { verifyBackup } from '../../../../main/engine/dataSafety/verifyBackup.js';
import { TandemError } from '../../../../main/engine/errors.js';
import { openEngine, type Engine } from '../../../../main/engine/index.js';
import { connect, databaseFileKind } from '../../../../main/engine/store/connection.js';
import type { Database } from '../../../../main/engine/store/database.js';
import { FixedClock } from '../../../support/fixedClock.js';
import { hashEmbedder } from '../../../support/hashEmbedder.js';
import { tempDir } from '../../../support/tempDir.js';

const MARKER = 'QVZENCMARKER4417';
const DAY = 86_400_000;
const KEY = randomBytes(32).toString('hex');
const OTHER_KEY = randomBytes(32).toString('hex');

const open: Engine[] = [];
afterEach(() => {
  for (const engine of open.splice(0)) if (engine.db.open) engine.close();
});

function engineIn(dataDir: string, databaseKey: string | Buffer | null, extra: Partial<Parameters<typeof openEngine>[0]> = {}): Engine {
  const engine = openEngine({ dataDir, clock: new FixedClock(), databaseKey, ...extra });
  open.push(engine);
  return engine;
}

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return error instanceof TandemError ? error.code : `not a TandemError: ${String(error)}`;
  }
  return 'no error';
}

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}

function sha(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** The bytes SQLite keeps for a database while it is open: the file and its write-ahead log. */
function rawBytes(file: string): Buffer {
  return Buffer.concat([readFileSync(file), existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`) : Buffer.alloc(0)]);
}

function rowCounts(db: Database): Record<string, number> {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND rootpage > 0 AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT COUNT(*) FROM "${t}"`).pluck().get() as number]));
}

function countsOf(file: string, key: string | null): Record<string, number> {
  const db = connect(file, { key, readonly: true, fileMustExist: true });
  try {
    return rowCounts(db);
  } finally {
    db.close();
  }
}

describe('an encrypted workspace', () => {
  it('keeps customer text out of the raw bytes of tandem.db and its WAL (and a plaintext one does not)', () => {
    const plainDir = tempDir();
    const plain = engineIn(plainDir, null);
    plain.conversations.create({ firstMessage: `My reference is ${MARKER}` });
    // Control: the check can fail — in a plaintext workspace the marker is in the file or its WAL.
    expect(rawBytes(join(plainDir, 'tandem.db')).includes(MARKER)).toBe(true);

    const dir = tempDir();
    const engine = engineIn(dir, KEY);
    expect(engine.encrypted).toBe(true);
    for (let i = 0; i < 50; i += 1) engine.conversations.create({ firstMessage: `My reference is ${MARKER} number ${i}` });
    const file = join(dir, 'tandem.db');
    expect(existsSync(`${file}-wal`)).toBe(true);
    expect(readFileSync(`${file}-wal`).length).toBeGreaterThan(0);
    expect(rawBytes(file).includes(MARKER)).toBe(false);
    expect(rawBytes(file).includes('SQLite format 3')).toBe(false);
    engine.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(rawBytes(file).includes(MARKER)).toBe(false);
    engine.close();
    expect(databaseFileKind(file)).toBe('encrypted');
    expect(readFileSync(file).includes(MARKER)).toBe(false);

    const again = engineIn(dir, Buffer.from(KEY, 'hex'));
    expect(again.conversations.list({}).length).toBe(50);
  });

  it('refuses a missing key, a wrong key and a key for a plaintext workspace with a clear error, leaving the files byte-identical', () => {
    const dir = tempDir();
    const engine = engineIn(dir, KEY);
    engine.conversations.create({ firstMessage: `Hello ${MARKER}` });
    engine.close();
    const file = join(dir, 'tandem.db');
    const before = sha(file);
    const filesBefore = readdirSync(dir).sort();

    expect(codeOf(() => engineIn(dir, null))).toBe('E_DB_ENCRYPTED');
    expect(messageOf(() => engineIn(dir, null))).toMatch(/this workspace is encrypted; start with TANDEM_DB_KEY or --key-file/i);
    expect(codeOf(() => engineIn(dir, OTHER_KEY))).toBe('E_DB_WRONG_KEY');
    expect(messageOf(() => engineIn(dir, OTHER_KEY))).toMatch(/key does not open/);
    expect(messageOf(() => engineIn(dir, OTHER_KEY))).not.toContain(OTHER_KEY);
    expect(codeOf(() => engineIn(dir, 'not-a-key'))).toBe('E_KEY_INVALID');
    expect(codeOf(() => engineIn(dir, Buffer.alloc(16)))).toBe('E_KEY_INVALID');
    expect(sha(file)).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(filesBefore);

    const plainDir = tempDir();
    engineIn(plainDir, null).close();
    const plainFile = join(plainDir, 'tandem.db');
    const plainBefore = sha(plainFile);
    expect(codeOf(() => engineIn(plainDir, KEY))).toBe('E_DB_NOT_ENCRYPTED');
    expect(messageOf(() => engineIn(plainDir, KEY))).toMatch(/tandem encrypt/);
    expect(sha(plainFile)).toBe(plainBefore);

    // The right key still opens it afterwards.
    expect(engineIn(dir, KEY).conversations.list({})).toHaveLength(1);
  });

  it('imports and searches knowledge (FTS5 and vectors) and runs sqlite-vec functions', async () => {
    const dir = tempDir();
    const engine = engineIn(dir, KEY, { embedder: hashEmbedder() });
    await engine.knowledgeReady;
    const docs = tempDir();
    writeFileSync(join(docs, 'shipping.md'), '# Shipping\n\nStandard shipping takes 3 to 5 business days. Express arrives the next day.\n');
    writeFileSync(join(docs, 'returns.md'), '# Returns\n\nUnused items can be returned within 30 days of delivery for a full refund.\n');
    const report = await engine.knowledge.startImport([docs]).done;
    expect(report.imported).toBe(2);
    const hybrid = await engine.knowledge.search('how long does shipping take', { limit: 2 });
    expect(hybrid.mode).toBe('hybrid');
    expect(hybrid.hits[0]!.citation.documentTitle).toBe('Shipping');
    const lexical = await engine.knowledge.search('refund returned', { limit: 2, mode: 'lexical' });
    expect(lexical.hits[0]!.citation.documentTitle).toBe('Returns');
    const fts = engine.db.prepare(`SELECT COUNT(*) FROM knowledge_fts WHERE knowledge_fts MATCH 'express'`).pluck().get();
    expect(fts).toBe(1);
    const nearest = engine.db
      .prepare(`SELECT chunk_id, vec_distance_cosine(embedding, embedding) AS d FROM knowledge_vectors ORDER BY d LIMIT 1`)
      .get() as { d: number };
    expect(nearest.d).toBeCloseTo(0, 5);
    engine.close();
    expect(rawBytes(join(dir, 'tandem.db')).includes('Express arrives')).toBe(false);

    // Stored vectors are read back from the encrypted file on the next open.
    const reopened = engineIn(dir, KEY, { embedder: hashEmbedder() });
    await reopened.knowledgeReady;
    expect((await reopened.knowledge.search('return within 30 days', { limit: 1 })).hits[0]!.citation.documentTitle).toBe('Returns');
  });

  it('backs up into an encrypted file with the same key; verify and restore need that key', async () => {
    const dir = tempDir();
    const engine = engineIn(dir, KEY);
    for (let i = 0; i < 20; i += 1) engine.conversations.create({ firstMessage: `Backup me ${MARKER} ${i}` });
    const listing = engine.dataSafety.listBackups();
    expect(listing.encryptedAtRest).toBe(true);
    expect(listing.restoreInstructions).toMatch(/TANDEM_DB_KEY or --key-file/);
    const backup = await engine.dataSafety.createBackup();
    expect(backup.verdict).toMatchObject({ ok: true, encrypted: true, conversations: 20 });
    expect(databaseFileKind(backup.file)).toBe('encrypted');
    expect(readFileSync(backup.file).includes(MARKER)).toBe(false);
    expect(existsSync(`${backup.file}-wal`)).toBe(false);
    engine.conversations.create({ firstMessage: 'Written after the backup' });
    engine.close();

    const backupBytes = sha(backup.file);
    expect(verifyBackup(backup.file)).toMatchObject({ ok: false, reason: expect.stringMatching(/encrypted; give the workspace key/) });
    expect(verifyBackup(backup.file, { key: OTHER_KEY })).toMatchObject({ ok: false, reason: expect.stringMatching(/key given does not open it/) });
    expect(verifyBackup(backup.file, { key: KEY })).toMatchObject({ ok: true, encrypted: true, conversations: 20 });
    expect(codeOf(() => restoreBackup({ dataDir: dir, backupFile: backup.file, now: Date.now() }))).toBe('E_BACKUP_INVALID');
    expect(sha(backup.file)).toBe(backupBytes);

    const report = restoreBackup({ dataDir: dir, backupFile: backup.file, now: Date.UTC(2026, 0, 2), key: KEY });
    expect(report).toMatchObject({ encrypted: true, conversations: 20 });
    expect(sha(backup.file)).toBe(backupBytes);
    const restored = engineIn(dir, KEY);
    expect(restored.conversations.list({})).toHaveLength(20);
    expect(databaseFileKind(join(dir, 'tandem.db'))).toBe('encrypted');
    expect(databaseFileKind(report.previousDatabase!)).toBe('encrypted');
    restored.close();

    // A plaintext backup is not restored into a workspace that is meant to be encrypted.
    const plainDir = tempDir();
    const plain = engineIn(plainDir, null);
    const plainBackup = await plain.dataSafety.createBackup();
    plain.close();
    expect(verifyBackup(plainBackup.file, { key: KEY })).toMatchObject({ ok: true, encrypted: false });
    expect(messageOf(() => restoreBackup({ dataDir: dir, backupFile: plainBackup.file, now: Date.now(), key: KEY }))).toMatch(/not encrypted, but a key was given/);
  });

  it('restores a backup in the app (Settings → Backups → Restore…) with the workspace key, staying encrypted', async () => {
    const dir = tempDir();
    const clock = new FixedClock();
    const first = engineIn(dir, KEY, { clock });
    const live = new RestorableEngine({ engine: first, reopen: () => engineIn(dir, KEY, { clock }) });
    try {
      const kept = live.engine.conversations.create({ firstMessage: `Keep me ${MARKER}` });
      const backup = await live.engine.dataSafety.createBackup();
      live.engine.conversations.delete(kept.id);
      clock.advance(60_000);
      const report = await live.restore(backup.file.split('/').at(-1)!, 'admin:lee');
      expect(report).toMatchObject({ conversations: 1 });
      expect(live.engine.encrypted).toBe(true);
      expect(live.engine.conversations.get(kept.id).conversation.id).toBe(kept.id);
      expect(databaseFileKind(join(dir, 'tandem.db'))).toBe('encrypted');
      expect(rawBytes(join(dir, 'tandem.db')).includes(MARKER)).toBe(false);
    } finally {
      live.close();
    }
  });

  it('shows "encrypted at rest" through backup.list and purges by retention (with VACUUM) unchanged', async () => {
    const dir = tempDir();
    const clock = new FixedClock();
    const engine = engineIn(dir, KEY, { clock, seedDemo: true });
    const api = createDispatcher({ engine, appVersion: 'test' }, { validateOutput: true });
    const listed = await api.invoke('backup.list', {});
    expect(listed).toMatchObject({ ok: true, value: { encryptedAtRest: true } });
    engine.conversations.create({ firstMessage: `Old customer text ${MARKER}` });
    const before = engine.conversations.list({}).length;
    clock.advance(4000 * DAY);
    const report = engine.dataSafety.purge({ days: 30, actor: 'admin:lee', vacuum: true });
    expect(report.conversations).toBe(before);
    expect(report.vacuumed).toBe(true);
    expect(engine.actions.audit.verify()).toMatchObject({ ok: true });
    engine.close();
    expect(databaseFileKind(join(dir, 'tandem.db'))).toBe('encrypted');
    const reopened = engineIn(dir, KEY, { clock });
    expect(reopened.conversations.list({})).toHaveLength(0);

    const plain = engineIn(tempDir(), null);
    const plainApi = createDispatcher({ engine: plain, appVersion: 'test' }, { validateOutput: true });
    expect(await plainApi.invoke('backup.list', {})).toMatchObject({ ok: true, value: { encryptedAtRest: false } });
  });
});

/**
 * SQLCipher 4 with a raw key, decoded independently of SQLite: per page AES-256-CBC with the key itself,
 * a 16-byte IV and a 64-byte HMAC-SHA512 (over ciphertext, IV and the page number) in each page's
 * reserved tail, the HMAC key being PBKDF2-HMAC-SHA512(key, salt XOR 0x3a, 2 rounds); page 1 starts with
 * the 16-byte salt where plaintext SQLite has its header.
 */
function decodeSqlcipher4(file: string, keyHex: string, pageSize = 4096): Buffer {
  const data = readFileSync(file);
  const key = Buffer.from(keyHex, 'hex');
  const salt = data.subarray(0, 16);
  const hmacKey = pbkdf2Sync(key, Buffer.from(salt.map((b) => b ^ 0x3a)), 2, 32, 'sha512');
  const pages: Buffer[] = [];
  for (let n = 0; n < data.length / pageSize; n += 1) {
    const page = data.subarray(n * pageSize, (n + 1) * pageSize);
    const encrypted = page.subarray(n === 0 ? 16 : 0, pageSize - 80);
    const iv = page.subarray(pageSize - 80, pageSize - 64);
    const pageNumber = Buffer.alloc(4);
    pageNumber.writeUInt32LE(n + 1);
    const mac = createHmac('sha512', hmacKey).update(encrypted).update(iv).update(pageNumber).digest();
    if (!mac.equals(page.subarray(pageSize - 64))) throw new Error(`page ${n + 1}: HMAC does not match`);
    const decipher = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
    pages.push(Buffer.concat([decipher.update(encrypted), decipher.final()]));
  }
  return Buffer.concat(pages);
}

describe('the encrypted file format', () => {
  it('is SQLCipher 4 with a raw 256-bit key, readable by an independent decoder', () => {
    const dir = tempDir();
    const engine = engineIn(dir, KEY);
    engine.conversations.create({ firstMessage: `Format check ${MARKER}` });
    engine.close();
    const plain = decodeSqlcipher4(join(dir, 'tandem.db'), KEY);
    // Bytes 16–23 of a SQLite header: page size 4096, file format 1/1 or 2/2 (WAL), 80 reserved bytes, 64/32/32.
    expect(plain.subarray(0, 8).toString('hex')).toMatch(/^1000(0101|0202)50402020$/);
    expect(plain.includes(MARKER)).toBe(true);
    expect(() => decodeSqlcipher4(join(dir, 'tandem.db'), OTHER_KEY)).toThrow(/HMAC does not match/);
  });
});

describe('encrypting and decrypting an existing workspace', () => {
  it('converts a seeded plaintext workspace: every row kept, audit chain verified, plaintext removed, refused while open', () => {
    const dir = tempDir();
    const seeded = engineIn(dir, null, { seedDemo: true });
    const conversation = seeded.conversations.create({ firstMessage: `Convert me ${MARKER}` });
    for (let i = 0; i < 3; i += 1) {
      seeded.actions.audit.append({ workspaceId: seeded.workspace.id, actor: 'agent:ana', kind: 'ticket.opened', conversationId: conversation.id, data: { n: i } });
    }
    const file = join(dir, 'tandem.db');
    const auditEntries = (seeded.actions.audit.verify() as { entries: number }).entries;
    expect(auditEntries).toBeGreaterThanOrEqual(3);

    // While a host has it open: refused, nothing changes.
    const openBytes = rawBytes(file);
    expect(codeOf(() => encryptWorkspace({ dataDir: dir, key: KEY, now: Date.now() }))).toBe('E_DB_IN_USE');
    expect(rawBytes(file).equals(openBytes)).toBe(true);
    seeded.close();

    const before = countsOf(file, null);
    expect(Object.values(before).reduce((a, b) => a + b, 0)).toBeGreaterThan(1000);
    expect(readFileSync(file).includes(MARKER)).toBe(true);
    const report = encryptWorkspace({ dataDir: dir, key: KEY, now: Date.UTC(2026, 0, 2) });
    expect(report).toMatchObject({ encrypted: true, audit: { ok: true, entries: auditEntries } });
    expect(report.rows).toBe(Object.values(before).reduce((a, b) => a + b, 0));
    expect(databaseFileKind(file)).toBe('encrypted');
    expect(rawBytes(file).includes(MARKER)).toBe(false);
    // The plaintext file was kept aside only until the copy verified; nothing else is left behind.
    expect(existsSync(report.previousDatabaseRemoved)).toBe(false);
    expect(readdirSync(dir).filter((n) => n.startsWith('tandem.db')).sort()).toEqual(['tandem.db']);
    expect(countsOf(file, KEY)).toEqual(before);

    const reopened = engineIn(dir, KEY);
    expect(reopened.actions.audit.verify()).toMatchObject({ ok: true, entries: auditEntries });
    expect(reopened.conversations.get(conversation.id).conversation.id).toBe(conversation.id);
    reopened.close();

    expect(codeOf(() => encryptWorkspace({ dataDir: dir, key: KEY, now: Date.now() }))).toBe('E_DB_ALREADY_ENCRYPTED');
    const encryptedBytes = sha(file);
    expect(codeOf(() => decryptWorkspace({ dataDir: dir, key: OTHER_KEY, now: Date.now() }))).toBe('E_DB_WRONG_KEY');
    expect(sha(file)).toBe(encryptedBytes);

    const back = decryptWorkspace({ dataDir: dir, key: KEY, now: Date.UTC(2026, 0, 3) });
    expect(back).toMatchObject({ encrypted: false, audit: { ok: true, entries: auditEntries } });
    expect(databaseFileKind(file)).toBe('plaintext');
    expect(countsOf(file, null)).toEqual(before);
  });

  it('names plaintext backups left behind, and refuses a missing database', async () => {
    const dir = tempDir();
    const engine = engineIn(dir, null);
    engine.conversations.create({ firstMessage: 'one' });
    const backup = await engine.dataSafety.createBackup();
    engine.close();
    const report = encryptWorkspace({ dataDir: dir, key: KEY, now: Date.now() });
    expect(report.backupsInOldState).toEqual([backup.file]);
    expect(codeOf(() => encryptWorkspace({ dataDir: tempDir(), key: KEY, now: Date.now() }))).toBe('E_NOT_FOUND');
  });
});
