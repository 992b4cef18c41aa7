import { flag, latestCustomerMessage, type Rule } from './rule.js';

/** The fallback intent says nothing about going in circles, so it is not counted. */
const NOT_COUNTED = new Set(['other']);

/** The same intent on N customer messages without the conversation moving on: the customer is going in circles. */
export const repeatedIntent: Rule = (input, config) => {
  const latest = latestCustomerMessage(input);
  if (!latest?.intent || NOT_COUNTED.has(latest.intent)) return null;
  const count = input.customerMessages.filter((m) => m.intent === latest.intent).length;
  if (count < config.repeatedIntentCount) return null;
  return flag('repeated_intent', config, `The customer has raised “${latest.intent}” ${count} times without resolution.`, {
    messageId: latest.id,
    messageSeq: latest.seq,
    count,
  });
};
