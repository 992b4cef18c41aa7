import { toolForms } from '../../engine/actions/toolForms.js';
import type { actionMethods } from '../methods/actions.js';
import type { HandlerTable } from './context.js';

export const actionHandlers: HandlerTable<keyof typeof actionMethods> = {
  'customer.verify': async ({ engine, actor }, input) => {
    const { verification, service } = engine.actions;
    if (input.confirmCustomerId === undefined) {
      return { candidate: await verification.lookup(input.conversationId, input.lookup, actor), verified: false };
    }
    const candidate = await verification.confirm(input.conversationId, input.lookup, input.confirmCustomerId, actor);
    await service.runReadyReads(input.conversationId);
    return { candidate, verified: true };
  },
  'actions.propose': async ({ engine, actor }, input) => {
    const { service } = engine.actions;
    if (input.call) {
      await service.proposeByAgent(input.conversationId, input.call.tool, input.call.args, actor, input.call.why);
      return service.list(input.conversationId);
    }
    return service.propose(input.conversationId, { intent: input.intent ?? null });
  },
  'actions.list': ({ engine }, input) => engine.actions.service.list(input.conversationId),
  'tools.list': () => toolForms(),
  'actions.choices': ({ engine }, input) => engine.actions.service.choices(input.conversationId),
  'actions.approve': ({ engine, actor }, input) =>
    engine.actions.service.approve(input.actionId, {
      actor, args: input.args,
      supervisor: input.supervisor ? { kind: 'pin', supervisor: input.supervisor.name, pin: input.supervisor.pin } : undefined,
    }),
  'actions.requestSupervisor': ({ engine, actor }, input) => engine.actions.service.requestSupervisor(input.actionId, actor),
  'actions.reject': ({ engine, actor }, input) => engine.actions.service.reject(input.actionId, actor, input.reason),
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
  'supervisor.add': async ({ engine, actor }, input) => ({
    name: await engine.actions.authority.addSupervisor(engine.workspace.id, input.name, input.pin, { kind: 'supervisor', name: input.sponsor.name, pin: input.sponsor.pin, actor }),
  }),
  'supervisor.changePin': async ({ engine, actor }, input) => ({
    name: await engine.actions.authority.changePin(engine.workspace.id, input.name, input.currentPin, input.pin, actor),
  }),
  'customer.confirmSecondFactor': ({ engine, actor }, input) => {
    const factor = engine.actions.secondFactor.confirm(input.conversationId, engine.actions.verification.verifiedCustomerId(input.conversationId), input.proof, actor);
    engine.actions.service.refreshCards(input.conversationId);
    return { factor };
  },
  'verification.settings': ({ engine, actor }, input) => ({
    secondFactorRequired: input.secondFactorRequired === undefined ? engine.actions.secondFactor.required() : engine.actions.secondFactor.setRequired(input.secondFactorRequired, actor),
  }),
  'profile.get': ({ engine }) => ({ displayName: engine.profile.displayName() }),
  'profile.update': ({ engine }, input) => ({ displayName: engine.profile.rename(input.displayName) }),
};
