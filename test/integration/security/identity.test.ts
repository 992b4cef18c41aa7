import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONNECTOR } from '../../../main/api/caller.js';
import { errorCode, openSecurityTestBed, proposedRefund, value, type SecurityTestBed } from './securityTestEngine.js';

let bed: SecurityTestBed;
beforeEach(() => (bed = openSecurityTestBed()));
afterEach(() => bed.engine.close());

describe('security: identity comes from the session, not the request', () => {
  it('refuses an actor in the request body: "agent1; supervisor:boss" cannot be written as the approver', async () => {
    const { action } = await proposedRefund(bed, 5_000);
    expect(await errorCode(bed.api.call('actions.approve', { actionId: action.id, actor: 'agent1; supervisor:boss' }))).toBe('E_VALIDATION');
    expect(await errorCode(bed.api.call('actions.reject', { actionId: action.id, actor: 'agent1; supervisor:boss', reason: 'x' }))).toBe('E_VALIDATION');
    expect(bed.engine.actions.service.get(action.id).status).toBe('proposed');
    const audit = JSON.stringify(bed.engine.actions.audit.list({ workspaceId: bed.engine.workspace.id }));
    expect(audit).not.toContain('supervisor:boss');
  });

  it('records the signed-in agent\'s display name (Settings → Profile) and the connector as "api", with no supervisor on either', async () => {
    await value(bed.api.invoke('profile.update', { displayName: '  Ana   Diaz ' }));
    const first = await proposedRefund(bed, 5_000);
    const done = await value<{ decidedBy: string; supervisor: string | null }>(bed.api.invoke('actions.approve', { actionId: first.action.id }));
    expect(done).toMatchObject({ decidedBy: 'agent:Ana Diaz', supervisor: null });
    const second = await proposedRefund(bed, 1_000, first.order);
    const rejected = await value<{ decidedBy: string }>(bed.api.invoke('actions.reject', { actionId: second.action.id, reason: 'duplicate' }, CONNECTOR));
    expect(rejected.decidedBy).toBe('api');
    const approved = bed.engine.actions.audit.list({ actionId: first.action.id }).find((e) => e.kind === 'action.approved')!;
    expect(approved.actor).toBe('agent:Ana Diaz');
    expect(approved).not.toHaveProperty('supervisor');
    expect(bed.engine.actions.audit.list({ workspaceId: bed.engine.workspace.id }).find((e) => e.kind === 'profile.renamed')).toMatchObject({ data: { from: 'Agent', to: 'Ana Diaz' } });
  });

  it('refuses a display name that is empty, invisible or directional', async () => {
    for (const displayName of ['   ', 'Ana\u202e', 'a; supervisor:boss', '\u200b']) {
      expect(await errorCode(bed.api.invoke('profile.update', { displayName })), displayName).toBe('E_VALIDATION');
    }
    expect(bed.engine.profile.displayName()).toBe('Agent');
  });
});
