import type { assistMethods } from '../methods/assist.js';
import type { HandlerTable } from './context.js';

export const assistHandlers: HandlerTable<keyof typeof assistMethods> = {
  'assist.get': ({ engine }, { conversationId }) => {
    engine.conversations.get(conversationId);
    return engine.assist.ensure(conversationId);
  },
  'assist.history': ({ engine }, { conversationId }) => engine.assist.history(conversationId),
  'assist.refresh': ({ engine }, { conversationId }) => {
    engine.conversations.get(conversationId);
    return engine.assist.refresh(conversationId);
  },
  'escalation.packet': ({ engine }, { conversationId, reason }) => engine.escalation.packet(conversationId, reason),
  'escalation.escalate': ({ engine, actor }, { conversationId, reason }) => engine.escalation.escalate(conversationId, actor, reason),
  'escalation.dismiss': async ({ engine, actor }, { conversationId, trigger, reason }) => {
    await engine.escalation.dismiss(conversationId, trigger, reason, actor);
    return { dismissed: true } as const;
  },
  'escalation.config.get': ({ engine }) => engine.escalation.config(),
  'escalation.config.set': ({ engine }, { config }) => engine.escalation.setConfig(config),
};
