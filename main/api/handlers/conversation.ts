import type { conversationMethods } from '../methods/conversation.js';
import type { HandlerTable } from './context.js';

export const conversationHandlers: HandlerTable<keyof typeof conversationMethods> = {
  'conversation.list': ({ engine }, input) => engine.conversations.list(input),
  'conversation.get': ({ engine }, input) => engine.conversations.get(input.id),
  'conversation.create': ({ engine }, input) => engine.conversations.create(input),
  'conversation.send': ({ engine }, input) => engine.conversations.send(input.id, input.role, input.content),
  'conversation.setStatus': ({ engine }, input) => engine.conversations.setStatus(input.id, input.status),
  'conversation.delete': ({ engine }, input) => {
    engine.conversations.delete(input.id);
    return { deleted: true } as const;
  },
};
