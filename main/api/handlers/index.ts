import type { Method } from '../contract.js';
import { actionHandlers } from './actions.js';
import { appHandlers } from './app.js';
import { assistHandlers } from './assist.js';
import { conversationHandlers } from './conversation.js';
import { dataSafetyHandlers } from './dataSafety.js';
import { draftingHandlers } from './drafting.js';
import { replayHandlers } from './replay.js';
import type { HandlerTable } from './context.js';
import { knowledgeHandlers } from './knowledge.js';
import { metricsHandlers } from './metrics.js';
import { routerHandlers } from './router.js';

/** One handler per contract method; the type makes a missing or extra handler a compile error. */
export const handlers: HandlerTable<Method> = {
  ...actionHandlers,
  ...appHandlers,
  ...assistHandlers,
  ...conversationHandlers,
  ...dataSafetyHandlers,
  ...draftingHandlers,
  ...knowledgeHandlers,
  ...metricsHandlers,
  ...replayHandlers,
  ...routerHandlers,
};
