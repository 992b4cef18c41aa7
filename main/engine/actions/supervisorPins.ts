import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../clock.js';
import { TandemError } from '../errors.js';
import type { Database } from '../store/database.js';

/** scrypt cost: N=2^14, r=8, p=1 takes ~50 ms here, enough to make guessing a 4–8 digit PIN offline slow. */
const SCRYPT = { N: 16_384, r: 8, p: 1, keyLength: 32 } as const;
export const PIN_PATTERN = /^\d{4,12}$/;

export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, SCRYPT.keyLength, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function pinMatches(pin: string, stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(pin, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Local supervisor profiles: a name and a PIN hash. The PIN itself is never stored or logged. */
export class SupervisorPins {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  exists(workspaceId: string): boolean {
    return this.db.prepare(`SELECT 1 FROM supervisors WHERE workspace_id = ? LIMIT 1`).get(workspaceId) !== undefined;
  }

  list(workspaceId: string): string[] {
    return (this.db.prepare(`SELECT name FROM supervisors WHERE workspace_id = ? ORDER BY name`).all(workspaceId) as { name: string }[]).map((r) => r.name);
  }

  /** Creating a profile needs no PIN; changing one needs the current PIN. */
  setPin(workspaceId: string, name: string, pin: string, currentPin?: string): void {
    if (!PIN_PATTERN.test(pin)) throw new TandemError('E_VALIDATION', 'A supervisor PIN is 4 to 12 digits.');
    const row = this.db.prepare(`SELECT pin_hash FROM supervisors WHERE workspace_id = ? AND name = ?`).get(workspaceId, name) as
      | { pin_hash: string }
      | undefined;
    const now = this.clock.now();
    if (row) {
      if (currentPin === undefined || !pinMatches(currentPin, row.pin_hash)) throw new TandemError('E_BAD_PIN', `Changing ${name}'s PIN needs the current PIN.`);
      this.db.prepare(`UPDATE supervisors SET pin_hash = ?, updated_at = ? WHERE workspace_id = ? AND name = ?`).run(hashPin(pin), now, workspaceId, name);
      return;
    }
    this.db.prepare(`INSERT INTO supervisors (workspace_id, name, pin_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`).run(workspaceId, name, hashPin(pin), now, now);
  }

  /** Returns the supervisor whose PIN this is, or null. */
  whosePin(workspaceId: string, pin: string): string | null {
    const rows = this.db.prepare(`SELECT name, pin_hash FROM supervisors WHERE workspace_id = ? ORDER BY name`).all(workspaceId) as { name: string; pin_hash: string }[];
    return rows.find((r) => pinMatches(pin, r.pin_hash))?.name ?? null;
  }
}
