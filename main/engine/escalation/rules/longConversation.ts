import { flag, type Rule } from './rule.js';

/** More than N turns (seed: 10) without a resolution: a human should take a look. */
export const longConversation: Rule = (input, config) => {
  if (input.turnCount <= config.maxMessages) return null;
  return flag('long_conversation', config, `${input.turnCount} messages so far (more than ${config.maxMessages}).`, {
    count: input.turnCount,
  });
};
