import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { hashPin, pinMatches, SupervisorPins } from '../../../../main/engine/actions/supervisorPins.js';
import { migration0004 } from '../../../../main/engine/store/migrations/0004_actions_audit.js';

describe('supervisor PINs', () => {
  it('stores a salted scrypt hash, never the PIN, and checks it', () => {
    const a = hashPin('2468');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toContain('2468');
    expect(hashPin('2468')).not.toBe(a);
    expect(pinMatches('2468', a)).toBe(true);
    expect(pinMatches('2469', a)).toBe(false);
    expect(pinMatches('2468', 'garbage')).toBe(false);
  });

  it('needs the current PIN to change a PIN, and rejects malformed PINs', () => {
    const db = new BetterSqlite3(':memory:');
    db.exec(migration0004.up);
    const pins = new SupervisorPins(db, { now: () => 1 });
    expect(() => pins.setPin('w', 'sam', '12')).toThrow(/4 to 12 digits/);
    pins.setPin('w', 'sam', '1234');
    expect(() => pins.setPin('w', 'sam', '5678')).toThrow(/current PIN/);
    expect(() => pins.setPin('w', 'sam', '5678', '0000')).toThrow(/current PIN/);
    pins.setPin('w', 'sam', '5678', '1234');
    expect(pins.whosePin('w', '5678')).toBe('sam');
    expect(pins.whosePin('w', '1234')).toBeNull();
    expect(pins.whosePin('other', '5678')).toBeNull();
    db.close();
  });
});
