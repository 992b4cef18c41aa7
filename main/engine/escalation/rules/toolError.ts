import { flag, type Rule } from './rule.js';

/** A critical action failed and has not succeeded since: the customer is stuck on something that matters. */
export const toolError: Rule = (input, config) => {
  const lastOutcomeByTool = new Map<string, (typeof input.toolOutcomes)[number]>();
  for (const outcome of [...input.toolOutcomes].sort((a, b) => a.at - b.at)) lastOutcomeByTool.set(outcome.tool, outcome);
  const failed = [...lastOutcomeByTool.values()].filter((o) => o.critical && !o.ok);
  const worst = failed.at(-1);
  if (!worst) return null;
  return flag('tool_error', config, `The critical action ${worst.tool} failed: ${worst.error ?? 'unknown error'}.`, {
    tool: worst.tool,
    error: worst.error ?? 'unknown error',
    count: failed.length,
  });
};
