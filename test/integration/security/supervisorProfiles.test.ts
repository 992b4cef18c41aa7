import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nameSkeleton, normalizeSupervisorName } from '../../../main/engine/actions/approval/supervisorNames.js';
import { errorCode, openSecurityTestBed, proposedRefund, value, type SecurityTestBed } from './securityTestEngine.js';

let bed: SecurityTestBed;
beforeEach(() => (bed = openSecurityTestBed()));
afterEach(() => bed.engine.close());

const supervisors = (): string[] => bed.engine.actions.authority.profiles.list(bed.engine.workspace.id);
const admin = (name: string, pin: string): Promise<unknown> => bed.engine.actions.authority.adminSetPin(bed.engine.workspace.id, name, pin, 'cli:root');

describe('security: who can become a supervisor', () => {
  it('an agent cannot create a supervisor through the API, with none yet or with one already there', async () => {
    expect(await errorCode(bed.api.call('supervisor.setPin', { name: 'Boss ', pin: '1234' }))).toBe('E_UNKNOWN_METHOD');
    expect(await errorCode(bed.api.invoke('supervisor.add', { name: 'eve', pin: '1234', sponsor: { name: 'eve', pin: '1234' } }))).toBe('E_NO_SUPERVISOR');
    await admin('boss', '8642');
    expect(await errorCode(bed.api.invoke('supervisor.add', { name: 'eve', pin: '1234', sponsor: { name: 'boss', pin: '1111' } }))).toBe('E_BAD_PIN');
    expect(await errorCode(bed.api.invoke('supervisor.changePin', { name: 'boss', currentPin: '0000', pin: '1234' }))).toBe('E_BAD_PIN');
    expect(supervisors()).toEqual(['boss']);
    await value(bed.api.invoke('supervisor.add', { name: 'Dana', pin: '2222', sponsor: { name: 'boss', pin: '8642' } }));
    expect(supervisors()).toEqual(['Dana', 'boss']);
    const created = bed.engine.actions.audit.list({ workspaceId: bed.engine.workspace.id }).find((e) => e.kind === 'supervisor.created' && e.data['name'] === 'Dana')!;
    expect(created).toMatchObject({ actor: 'agent:Agent', supervisor: 'boss' });
  });

  it('two supervisors with confusable names: "Boss ", Greek "bοss" and full-width "ｂｏｓｓ" are refused next to "boss"', async () => {
    await admin('boss', '8642');
    for (const lookalike of ['Boss ', 'b\u03bfss', '\uff42\uff4f\uff53\uff53', 'bo\u200bss', 'BOSS']) {
      const code = await errorCode(bed.api.invoke('supervisor.add', { name: lookalike, pin: '1357', sponsor: { name: 'boss', pin: '8642' } }));
      expect(code, lookalike).toMatch(/E_NAME_CONFUSABLE|E_VALIDATION/);
      // For the administrator, a name that normalizes to "boss" itself is that supervisor (a PIN reset); any other look-alike is refused.
      if (normalizeSupervisorName(lookalike.replace('\u200b', '')) !== 'boss') await expect(admin(lookalike, '1357'), lookalike).rejects.toThrow(/looks like|may hold/);
    }
    expect(supervisors()).toEqual(['boss']);
  });

  it('names are NFKC-normalised, trimmed, and refused when empty, invisible or too long', () => {
    expect(normalizeSupervisorName('  \uff24\uff41\uff4e\uff41   Lee ')).toBe('Dana Lee');
    expect(() => normalizeSupervisorName('    ')).toThrow(/only spaces/);
    expect(() => normalizeSupervisorName('\u202eboss')).toThrow(/may hold/);
    expect(() => normalizeSupervisorName('x'.repeat(61))).toThrow(/at most 60/);
    expect(nameSkeleton('Sam')).toBe(nameSkeleton('\u0455\u0430m'));
  });

  it('an approval names its supervisor and checks that supervisor\'s PIN only', async () => {
    await admin('boss', '1111');
    await admin('Dana', '2222');
    const { action } = await proposedRefund(bed, 50_000);
    expect(action.approval).toBe('supervisor');
    expect(await errorCode(bed.api.invoke('actions.approve', { actionId: action.id, supervisor: { name: 'boss', pin: '2222' } }))).toBe('E_BAD_PIN');
    expect(await errorCode(bed.api.invoke('actions.approve', { actionId: action.id, supervisor: { name: 'nobody', pin: '2222' } }))).toBe('E_UNKNOWN_SUPERVISOR');
    expect(bed.engine.actions.service.get(action.id).status).toBe('proposed');
    const done = await value<{ status: string; supervisor: string; decidedBy: string }>(bed.api.invoke('actions.approve', { actionId: action.id, supervisor: { name: 'Dana', pin: '2222' } }));
    expect(done).toMatchObject({ status: 'succeeded', supervisor: 'Dana', decidedBy: 'agent:Agent' });
  });

  it('bad input changes nothing: a 4,000-digit PIN, a PIN with letters or empty, a name of only spaces', async () => {
    await admin('boss', '1111');
    const { action } = await proposedRefund(bed, 50_000);
    for (const pin of ['1'.repeat(4000), '12ab', '']) {
      expect(await errorCode(bed.api.invoke('actions.approve', { actionId: action.id, supervisor: { name: 'boss', pin } }))).toBe('E_VALIDATION');
    }
    expect(await errorCode(bed.api.invoke('supervisor.add', { name: '   ', pin: '1234', sponsor: { name: 'boss', pin: '1111' } }))).toBe('E_VALIDATION');
    expect(bed.engine.actions.service.get(action.id).status).toBe('proposed');
    expect(supervisors()).toEqual(['boss']);
    // None of them was a guess: the supervisor is not closer to a lockout.
    expect(bed.engine.actions.authority.roster(bed.engine.workspace.id).lockouts).toEqual([]);
  });
});
