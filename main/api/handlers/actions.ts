import type { IdentityLookup } from '../../engine/actions/connector.js';
import type { actionMethods } from '../methods/actions.js';
import type { HandlerTable } from './context.js';

function toLookup(lookup: { email: string } | { firstName: string; lastName: string; zip: string }): IdentityLookup {
  return 'email' in lookup ? { email: lookup.email } : { firstName: lookup.firstName, lastName: lookup.lastName, zip: lookup.zip };
}

export const actionHandlers: HandlerTable<keyof typeof actionMethods> = {
  'customer.verify': async ({ engine }, input) => {
    const { verification, service } = engine.actions;
    if (input.confirmCustomerId === undefined) {
      return { candidate: await verification.lookup(input.conversationId, toLookup(input.lookup), input.actor), verified: false };
    }
    const candidate = await verification.confirm(input.conversationId, toLookup(input.lookup), input.confirmCustomerId, input.actor);
    await service.runReadyReads(input.conversationId);
    return { candidate, verified: true };
  },
  'actions.propose': async ({ engine }, input) => {
    const { service } = engine.actions;
    if (input.call) {
      await service.proposeByAgent(input.conversationId, input.call.tool, input.call.args, input.actor ?? 'agent', input.call.why);
      return service.list(input.conversationId);
    }
    return service.propose(input.conversationId, { intent: input.intent ?? null });
  },
  'actions.list': ({ engine }, input) => engine.actions.service.list(input.conversationId),
  'actions.approve': ({ engine }, input) =>
    engine.actions.service.approve(input.actionId, {
      actor: input.actor, args: input.args,
      supervisor: input.supervisor ? { kind: 'pin', supervisor: input.supervisor.name, pin: input.supervisor.pin } : undefined,
    }),
  'actions.requestSupervisor': ({ engine }, input) => engine.actions.service.requestSupervisor(input.actionId, input.actor),
  'actions.reject': ({ engine }, input) => engine.actions.service.reject(input.actionId, input.actor, input.reason),
  'approvals.pending': ({ engine }, input) => engine.actions.service.pending(input.limit),
  'audit.list': ({ engine }, input) =>
    engine.actions.audit
      .list({
        workspaceId: engine.workspace.id,
        ...(input.conversationId ? { conversationId: input.conversationId } : {}),
        ...(input.actionId ? { actionId: input.actionId } : {}),
        ...(input.limit ? { limit: input.limit } : {}),
      })
      .map((entry) => ({ ...entry, supervisor: entry.supervisor ?? null })),
  'audit.verify': ({ engine }) => engine.actions.audit.verify(),
  'supervisor.roster': ({ engine }) => {
    const roster = engine.actions.authority.roster(engine.workspace.id);
    return { supervisors: [...roster.supervisors], lockouts: [...roster.lockouts] };
  },
  'supervisor.add': async ({ engine }, input) => ({
    name: await engine.actions.authority.addSupervisor(engine.workspace.id, input.name, input.pin, { kind: 'supervisor', name: input.sponsor.name, pin: input.sponsor.pin, actor: input.actor }),
  }),
  'supervisor.changePin': async ({ engine }, input) => ({
    name: await engine.actions.authority.changePin(engine.workspace.id, input.name, input.currentPin, input.pin, input.actor),
  }),
};
