import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionRecord } from '../../main/engine/actions/actionTypes.js';
import type { IdentityLookup } from '../../main/engine/actions/connector.js';
import { openEngine, type Engine } from '../../main/engine/index.js';
import { createBuiltinEmbedder } from '../../main/ml/builtinEmbedder.js';
import type { Embedder } from '../../main/ml/embedder.js';
import { draftProblems, type ConversationHolds } from './support/draftChecks.js';
import { loadScenarios, type DraftCheck, type ScenarioExpect, type ScenarioStep } from './support/scenario.js';

/**
 * The scenario suite: realistic scripted conversations through the whole product — routing on the
 * built-in embedder, the demo shop, proposals, approvals and template drafts — each checked against
 * what its file says a support agent expects. One engine serves every scenario (each in its own
 * conversation, with its own customer), because building the knowledge index is the slow part.
 */
const SCENARIOS = loadScenarios(import.meta.dirname);
const ACTOR = 'agent:scenario';

let engine: Engine;
let embedder: Embedder;

beforeAll(async () => {
  embedder = await createBuiltinEmbedder();
  engine = openEngine({ dataDir: ':memory:', seedDemo: true, embedder });
  await engine.knowledgeReady;
  await engine.knowledge.ensureDemoIndexed();
}, 240_000);

afterAll(async () => {
  await engine?.assist.idle();
  engine?.close();
  await embedder?.close();
});

/** Draft checks recorded by the scenarios, for the block that waits on drafting work. */
const pendingDraftChecks: { file: string; at: number; check: DraftCheck; text: string; holds: ConversationHolds }[] = [];

function lookupOf(args: Record<string, unknown>): IdentityLookup | null {
  const a = args as Record<string, string | undefined>;
  if (a.email) return { email: a.email };
  if (a.first_name && a.last_name && a.zip) return { firstName: a.first_name, lastName: a.last_name, zip: a.zip };
  if (a.user_id && a.zip) return { userId: a.user_id, zip: a.zip };
  return null;
}

function matches(card: ActionRecord, want: NonNullable<ScenarioExpect['proposals']>[number]): boolean {
  if (card.tool !== want.tool) return false;
  if (want.status ? card.status !== want.status : card.status === 'rejected') return false;
  if (want.hold !== undefined && (card.proposal?.hold?.code ?? null) !== want.hold) return false;
  if (want.errorCode !== undefined && card.error?.code !== want.errorCode) return false;
  return Object.entries(want.args ?? {}).every(([key, value]) => JSON.stringify(card.args[key]) === JSON.stringify(value));
}

function describeCards(cards: readonly ActionRecord[]): string {
  return cards.map((c) => `${c.tool}[${c.status}${c.proposal?.hold ? ` held:${c.proposal.hold.code}` : ''}${c.error ? ` ${c.error.code}` : ''}] ${JSON.stringify(c.args)}`).join('\n  ');
}

function holdsOf(conversationId: string, cards: readonly ActionRecord[]): ConversationHolds {
  const { conversation, messages } = engine.conversations.get(conversationId);
  const said = messages.filter((m) => m.role === 'customer').map((m) => m.content).join('\n');
  return {
    orderId: /#?W\d{7}\b/.test(said),
    identity: /@/.test(said) || cards.some((c) => c.tool === 'lookup_account' && c.status === 'succeeded'),
    verified: conversation.verified,
    backedAmounts: cards
      .filter((c) => c.tool === 'process_refund' && (c.status === 'succeeded' || c.status === 'awaiting_supervisor' || (c.status === 'proposed' && !c.proposal?.hold)))
      .map((c) => Number(c.args.amount_cents)),
  };
}

async function run(file: string, steps: readonly ScenarioStep[], conversationId: string): Promise<void> {
  for (const [index, step] of steps.entries()) {
    const where = `${file} step ${index + 1}`;
    if ('customer' in step) {
      engine.conversations.send(conversationId, 'customer', step.customer);
      await engine.assist.idle();
    } else if ('agent' in step) {
      engine.conversations.send(conversationId, 'agent', step.agent);
    } else if ('verify' in step) {
      const card = engine.actions.service.list(conversationId).find((c) => c.tool === 'lookup_account' && c.status === 'succeeded' && (c.result as { verified?: boolean }).verified === false);
      expect(card, `${where}: no account lookup to confirm`).toBeDefined();
      const lookup = lookupOf(card!.args);
      expect(lookup, `${where}: the lookup card cannot confirm (${JSON.stringify(card!.args)})`).not.toBeNull();
      await engine.actions.verification.confirm(conversationId, lookup!, String((card!.result as { customer_id: string }).customer_id), ACTOR);
      // As the card's Confirm does: the reads that waited for verification run, then the next steps are proposed.
      await engine.actions.service.runReadyReads(conversationId);
      await engine.actions.service.propose(conversationId, { intent: engine.assist.latest(conversationId)?.routing?.intent ?? null });
    } else if ('approve' in step) {
      const card = engine.actions.service.list(conversationId).find((c) => c.tool === step.approve && (c.status === 'proposed' || c.status === 'awaiting_supervisor'));
      expect(card, `${where}: no open ${step.approve} card`).toBeDefined();
      await engine.actions.service.approve(card!.id, { actor: ACTOR, ...(step.args ? { args: step.args } : {}) });
    } else if ('sendToSupervisor' in step) {
      const card = engine.actions.service.list(conversationId).find((c) => c.tool === step.sendToSupervisor && c.status === 'proposed');
      expect(card, `${where}: no proposed ${step.sendToSupervisor} card`).toBeDefined();
      engine.actions.service.requestSupervisor(card!.id, ACTOR);
    } else {
      await check(where, file, index, step.expect, conversationId);
    }
  }
}

async function check(where: string, file: string, index: number, want: ScenarioExpect, conversationId: string): Promise<void> {
  const cards = engine.actions.service.list(conversationId);
  const latest = engine.assist.latest(conversationId);
  for (const proposal of want.proposals ?? []) {
    expect(cards.some((c) => matches(c, proposal)), `${where}: expected ${JSON.stringify(proposal)} among\n  ${describeCards(cards)}`).toBe(true);
  }
  for (const tool of want.absent ?? []) {
    expect(cards.filter((c) => c.tool === tool), `${where}: expected no ${tool} card among\n  ${describeCards(cards)}`).toEqual([]);
  }
  if (want.nothingRan) {
    const ran = cards.filter((c) => c.effect === 'changes' && (c.status === 'succeeded' || c.status === 'running'));
    expect(ran, `${where}: something that changes data ran`).toEqual([]);
  }
  if (want.intent) expect(latest?.routing?.intent, `${where}: intent`).toBe(want.intent);
  if (want.sentiment) expect(want.sentiment, `${where}: sentiment ${latest?.routing?.sentiment.label} (${latest?.routing?.sentiment.score})`).toContain(latest?.routing?.sentiment.label);
  for (const trigger of want.flags ?? []) {
    expect(latest?.flags.map((f) => f.trigger), `${where}: escalation flags`).toContain(trigger);
  }
  if (want.verified !== undefined) expect(engine.conversations.summary(conversationId).verified, `${where}: verified`).toBe(want.verified);
  if (want.draft) {
    const drafting = engine.drafting!;
    const draft = await drafting.settled((await drafting.generate(conversationId)).id);
    const holds = holdsOf(conversationId, cards);
    if (want.draft.waitsFor) {
      pendingDraftChecks.push({ file, at: index + 1, check: want.draft, text: draft.text, holds });
      return;
    }
    expect(draftProblems(draft.text, want.draft, holds), `${where}: draft\n${draft.text}`).toEqual([]);
  }
}

describe('support scenarios', () => {
  it(`has at least 30 scenarios, each naming its expectation (${SCENARIOS.length})`, () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(30);
  });

  for (const { file, scenario } of SCENARIOS) {
    it(`${file.replace(/\.json$/, '')}: ${scenario.expectation}`, async () => {
      const conversation = engine.conversations.create({ subject: scenario.title, channel: 'scenario', ...(scenario.customer ? { customerRef: scenario.customer.email } : {}) });
      if (scenario.customer) {
        const candidate = await engine.actions.verification.lookup(conversation.id, scenario.customer, ACTOR);
        expect(candidate, `${file}: the customer block matches no demo customer`).not.toBeNull();
        await engine.actions.verification.confirm(conversation.id, scenario.customer, candidate!.customerId, ACTOR);
      }
      await run(file, scenario.steps, conversation.id);
    }, 120_000);
  }
});

/*
 * Draft expectations that need the customer-facing knowledge audience and the drafts that use the
 * conversation (never quoting the internal policy, handoff and clarifying replies): they are recorded
 * by the scenarios above and checked here once that drafting work is in. Enable by removing `.skip`.
 */
describe.skip('support scenarios: drafts (waits for knowledge audience and conversation-aware drafts)', () => {
  it('every recorded draft meets the expectation it waits on', () => {
    const failures = pendingDraftChecks.flatMap((p) => draftProblems(p.text, p.check, p.holds).map((problem) => `${p.file} step ${p.at} (${p.check.waitsFor}): ${problem}`));
    expect(failures).toEqual([]);
  });
});
