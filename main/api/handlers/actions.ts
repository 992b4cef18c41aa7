import { toolForms } from '../../engine/actions/toolForms.js';
import type { actionMethods } from '../methods/actions.js';
import type { HandlerTable } from './context.js';


export const actionHandlers: HandlerTable<keyof typeof actionMethods> = {
  'customer.verify': async ({ engine }, input) => {
    const { verification, service } = engine.actions;
    if (input.confirmCustomerId === undefined) {
      return { candidate: await verification.lookup(input.conversationId, input.lookup, input.actor), verified: false };
    }
    const candidate = await verification.confirm(input.conversationId, input.lookup, input.confirmCustomerId, input.actor);
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
  'tools.list': () => toolForms(),
  'actions.choices': ({ engine }, input) => engine.actions.service.choices(input.conversationId),
  'actions.approve': ({ engine }, input) =>
    engine.actions.service.approve(input.actionId, { actor: input.actor, args: input.args, supervisorPin: input.supervisorPin }),
  'actions.reject': ({ engine }, input) => engine.actions.service.reject(input.actionId, input.actor, input.reason),
  'approvals.pending': ({ engine }, input) => engine.actions.service.pending(input.limit),
  'audit.list': ({ engine }, input) =>
    engine.actions.audit.list({
      workspaceId: engine.workspace.id,
      ...(input.conversationId ? { conversationId: input.conversationId } : {}),
      ...(input.actionId ? { actionId: input.actionId } : {}),
      ...(input.limit ? { limit: input.limit } : {}),
    }),
  'audit.verify': ({ engine }) => engine.actions.audit.verify(),
  'supervisor.setPin': ({ engine }, input) => {
    const { supervisors, audit } = engine.actions;
    engine.db.transaction(() => {
      supervisors.setPin(engine.workspace.id, input.name, input.pin, input.currentPin);
      audit.append({ workspaceId: engine.workspace.id, actor: input.actor, kind: 'supervisor.pin_set', data: { supervisor: input.name } });
    })();
    return { name: input.name, supervisors: supervisors.list(engine.workspace.id) };
  },
};
