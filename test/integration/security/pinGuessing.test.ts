import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCKOUT_BASE_MS, MAX_WRONG_PINS } from '../../../main/engine/actions/approval/pinLockout.js';
import { errorCode, openSecurityTestBed, proposedRefund, value, type SecurityTestBed } from './securityTestEngine.js';

let bed: SecurityTestBed;
beforeEach(async () => {
  bed = openSecurityTestBed();
  await bed.engine.actions.authority.adminSetPin(bed.engine.workspace.id, 'boss', '8642', 'cli:root');
  await bed.engine.actions.authority.adminSetPin(bed.engine.workspace.id, 'Dana', '2222', 'cli:root');
});
afterEach(() => bed.engine.close());

const approve = (actionId: string, name: string, pin: string) => bed.api.invoke('actions.approve', { actionId, supervisor: { name, pin } });
const audit = (kind: string) => bed.engine.actions.audit.list({ workspaceId: bed.engine.workspace.id }).filter((e) => e.kind === kind);

describe('security: PIN guessing', () => {
  it(`locks the supervisor after ${MAX_WRONG_PINS} wrong PINs, refuses even the right one while locked, audits it, and backs off`, async () => {
    const { action } = await proposedRefund(bed, 50_000);
    for (let i = 0; i < MAX_WRONG_PINS; i += 1) expect(await errorCode(approve(action.id, 'boss', String(1000 + i)))).toBe('E_BAD_PIN');
    expect(await errorCode(approve(action.id, 'boss', '8642'))).toBe('E_PIN_LOCKED');
    expect(audit('supervisor.locked_out')).toHaveLength(2); // the supervisor and the action
    expect(audit('supervisor.pin_rejected')).toHaveLength(MAX_WRONG_PINS + 1);
    const roster = await value<{ lockouts: { supervisor: string | null; actionId: string | null }[] }>(bed.api.invoke('supervisor.roster', {}));
    expect(roster.lockouts).toEqual(expect.arrayContaining([expect.objectContaining({ supervisor: 'boss' }), expect.objectContaining({ actionId: action.id })]));
    // Another action: the supervisor is still locked everywhere.
    const other = await proposedRefund(bed, 40_000);
    expect(await errorCode(approve(other.action.id, 'boss', '8642'))).toBe('E_PIN_LOCKED');

    bed.clock.advance(LOCKOUT_BASE_MS);
    expect(await errorCode(approve(other.action.id, 'boss', '0001'))).toBe('E_BAD_PIN');
    bed.clock.advance(LOCKOUT_BASE_MS); // a second lockout lasts twice as long
    expect(await errorCode(approve(other.action.id, 'boss', '8642'))).toBe('E_PIN_LOCKED');
    bed.clock.advance(LOCKOUT_BASE_MS);
    expect((await value<{ status: string }>(approve(other.action.id, 'boss', '8642'))).status).toBe('succeeded');
    expect(bed.engine.actions.service.get(action.id).status).toBe('proposed');
  });

  it('locks the action after wrong PINs spread over several supervisors', async () => {
    const { action } = await proposedRefund(bed, 50_000);
    for (let i = 0; i < MAX_WRONG_PINS; i += 1) await approve(action.id, i % 2 ? 'boss' : 'Dana', String(3000 + i));
    expect(await errorCode(approve(action.id, 'Dana', '2222'))).toBe('E_PIN_LOCKED');
  });

  it('limits guesses of the current PIN when changing a PIN, the same way', async () => {
    for (let i = 0; i < MAX_WRONG_PINS; i += 1) {
      expect(await errorCode(bed.api.invoke('supervisor.changePin', { name: 'boss', currentPin: String(5000 + i), pin: '1234' }))).toBe('E_BAD_PIN');
    }
    expect(await errorCode(bed.api.invoke('supervisor.changePin', { name: 'boss', currentPin: '8642', pin: '1234' }))).toBe('E_PIN_LOCKED');
  });

  it('twenty guesses sent at once check five PINs: the rest meet the lockout', async () => {
    const { action } = await proposedRefund(bed, 50_000);
    const codes = await Promise.all(Array.from({ length: 20 }, (_, i) => errorCode(approve(action.id, 'boss', String(7000 + i)))));
    expect(codes.filter((c) => c === 'E_BAD_PIN')).toHaveLength(MAX_WRONG_PINS);
    expect(codes.filter((c) => c === 'E_PIN_LOCKED')).toHaveLength(20 - MAX_WRONG_PINS);
    expect(audit('supervisor.pin_rejected').filter((e) => e.data['outcome'] === 'wrong PIN')).toHaveLength(MAX_WRONG_PINS);
  });

  it('checks a PIN off the event loop: other work runs while it is hashed', async () => {
    const { action } = await proposedRefund(bed, 50_000);
    let settled = false;
    const attempt = approve(action.id, 'boss', '1357').then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    await attempt;
  });

  it('an administrator\'s PIN reset lifts the lockout', async () => {
    const { action } = await proposedRefund(bed, 50_000);
    for (let i = 0; i < MAX_WRONG_PINS; i += 1) await approve(action.id, 'boss', String(1000 + i));
    const other = await proposedRefund(bed, 40_000);
    await bed.engine.actions.authority.adminSetPin(bed.engine.workspace.id, 'boss', '9753', 'cli:root');
    expect((await value<{ status: string }>(approve(other.action.id, 'boss', '9753'))).status).toBe('succeeded');
  });
});
