import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * A scripted support conversation and what Tandem must do in it. Each file says, in `expectation`,
 * what a support agent would expect; `steps` play the customer and the agent, and `expect` steps check
 * the cards (tool and arguments), the routing and the drafted reply at that point.
 */
const Proposal = z.object({
  tool: z.string(),
  /** A subset of the card's arguments (arrays and scalars compared exactly). */
  args: z.record(z.string(), z.unknown()).optional(),
  status: z.enum(['proposed', 'awaiting_supervisor', 'running', 'succeeded', 'failed', 'rejected']).optional(),
  /** The hold code the card must carry, or null for a card that can run as proposed. */
  hold: z.string().nullable().optional(),
  errorCode: z.string().optional(),
}).strict();

const DraftExpectation = z.object({
  /** The first name the reply greets a verified customer with. */
  greets: z.string().optional(),
  /** Never asks for what the conversation already holds (order id, email, name, zip). */
  noReask: z.boolean().optional(),
  /** Never quotes or paraphrases internal (agent-facing) knowledge. */
  noInternal: z.boolean().optional(),
  /** Does not offer or promise money that no runnable card backs. */
  noPromise: z.boolean().optional(),
  contains: z.array(z.string()).optional(),
  /** At least one of these (e.g. the words a handoff can use for the person taking over). */
  containsAny: z.array(z.string()).optional(),
  notContains: z.array(z.string()).optional(),
  /** Names the work this check waits for; the runner keeps it in its skipped block until then. */
  waitsFor: z.string().optional(),
}).strict();

const Expect = z.object({
  proposals: z.array(Proposal).optional(),
  /** Tools that must have no card at all. */
  absent: z.array(z.string()).optional(),
  /** No action that changes data has run in this conversation. */
  nothingRan: z.boolean().optional(),
  intent: z.string().optional(),
  sentiment: z.array(z.enum(['positive', 'neutral', 'negative', 'angry'])).optional(),
  flags: z.array(z.string()).optional(),
  verified: z.boolean().optional(),
  draft: DraftExpectation.optional(),
}).strict();

const Step = z.union([
  z.object({ customer: z.string().min(1) }).strict(),
  z.object({ agent: z.string().min(1) }).strict(),
  /** The agent confirms the account the proposed lookup found (the card's one-click "Confirm"). */
  z.object({ verify: z.literal(true) }).strict(),
  /** The agent approves the open card of this tool, with their own arguments when given. */
  z.object({ approve: z.string(), args: z.record(z.string(), z.unknown()).optional() }).strict(),
  /** The agent sends the open card of this tool to a supervisor (Approvals screen, high-priority ticket). */
  z.object({ sendToSupervisor: z.string() }).strict(),
  z.object({ expect: Expect }).strict(),
]);

export const ScenarioSchema = z.object({
  title: z.string().min(1),
  expectation: z.string().min(20),
  /** Verified before the first message, as a replay transcript's customer block. */
  customer: z.object({ email: z.string().email() }).strict().optional(),
  steps: z.array(Step).min(2),
}).strict();

export type Scenario = z.output<typeof ScenarioSchema>;
export type ScenarioStep = Scenario['steps'][number];
export type ScenarioExpect = z.output<typeof Expect>;
export type DraftCheck = z.output<typeof DraftExpectation>;

export function loadScenarios(dir: string): { file: string; scenario: Scenario }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const parsed = ScenarioSchema.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
      if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      return { file, scenario: parsed.data };
    });
}
