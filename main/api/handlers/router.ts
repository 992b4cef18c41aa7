import type { routerMethods } from '../methods/router.js';
import type { HandlerTable } from './context.js';

export const routerHandlers: HandlerTable<keyof typeof routerMethods> = {
  'router.classify': ({ engine }, input) => engine.router.classify(input.text, input.conversationId ? { conversationId: input.conversationId } : {}),
  'router.routing': ({ engine }, input) => engine.router.routingOf(input.messageId),
  'router.history': ({ engine }, input) => engine.router.history(input.conversationId),
  'router.taxonomy.get': ({ engine }) => engine.router.taxonomy(),
  'router.taxonomy.update': ({ engine }, input) => engine.router.updateTaxonomy(input),
  'router.correct': ({ engine }, input) => engine.router.correct(input.messageId, input.intent),
  'router.retrain': async ({ engine }) => {
    await engine.router.retrain();
    return engine.router.status();
  },
  'router.status': ({ engine }) => engine.router.status(),
};
