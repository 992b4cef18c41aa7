import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog, GENESIS_HASH } from '../../../../main/engine/actions/auditLog.js';
import { canonicalJson } from '../../../../main/engine/actions/canonicalJson.js';
import { migration0004 } from '../../../../main/engine/store/migrations/0004_actions_audit.js';

let db: BetterSqlite3.Database;
let log: AuditLog;
let now = 1_000;

beforeEach(() => {
  db = new BetterSqlite3(':memory:');
  db.exec(migration0004.up);
  log = new AuditLog(db, { now: () => (now += 1) });
});
afterEach(() => db.close());

describe('audit log', () => {
  it('canonical JSON sorts keys at every depth so equal entries hash equally', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[{"y":2,"z":1}]},"b":1}');
  });

  it('chains each entry to the previous hash and verifies', () => {
    const first = log.append({ workspaceId: 'w', actor: 'agent:ana', kind: 'action.proposed', data: { amount_cents: 500 } });
    const second = log.append({ workspaceId: 'w', actor: 'agent:ana', kind: 'action.approved', actionId: 'a1' });
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(second.prevHash).toBe(first.hash);
    expect(log.verify()).toEqual({ ok: true, entries: 2, lastHash: second.hash });
    expect(log.list({ actionId: 'a1' }).map((e) => e.kind)).toEqual(['action.approved']);
  });

  it('refuses updates and deletes through SQL', () => {
    log.append({ workspaceId: 'w', actor: 'a', kind: 'action.proposed' });
    expect(() => db.prepare(`UPDATE audit_log SET actor = 'x'`).run()).toThrow(/append-only/);
    expect(() => db.prepare(`DELETE FROM audit_log`).run()).toThrow(/append-only/);
  });

  it('names the first broken entry when a row was edited behind its back, or one was removed', () => {
    for (let i = 0; i < 4; i += 1) log.append({ workspaceId: 'w', actor: 'agent:ana', kind: 'action.executed', data: { i } });
    db.exec('DROP TRIGGER audit_log_append_only_update; DROP TRIGGER audit_log_append_only_delete;');
    db.prepare(`UPDATE audit_log SET actor = 'agent:mallory' WHERE seq = 3`).run();
    expect(log.verify()).toMatchObject({ ok: false, brokenSeq: 3 });
    db.prepare(`UPDATE audit_log SET actor = 'agent:ana' WHERE seq = 3`).run();
    expect(log.verify().ok).toBe(true);
    db.prepare(`DELETE FROM audit_log WHERE seq = 2`).run();
    expect(log.verify()).toMatchObject({ ok: false, brokenSeq: 3 });
  });
});
