/**
 * Child process for the crash suite: does one kind of work on an existing data directory until the
 * parent kills it with SIGKILL (or it finishes). It prints "go" when the work starts, so the parent's
 * random delay measures from there, and "done" at the end.
 * Usage: node --import tsx crashChild.ts <ingest|refund|draft|migrate> <dataDir> <arg> [killAtHook]
 *   ingest: arg = folder to import; refund: arg = comma-separated action ids to approve in turn;
 *   draft: arg = comma-separated conversation ids to draft and re-draft; migrate: arg unused.
 *   killAtHook (refund only): the child kills itself at the n-th execution hook (1-based), which
 *   lands exactly between the refund's intent, its effect and its commit.
 */
import { openActions } from '../../../../main/engine/actions/openActions.js';
import { openEngine } from '../../../../main/engine/index.js';
import { hashEmbedder } from '../../../support/hashEmbedder.js';

const [scenario, dataDir, arg, killAtHookText] = process.argv.slice(2);
if (!scenario || !dataDir) throw new Error('usage: crashChild <scenario> <dataDir> <arg> [killAtHook]');

const say = (line: string): void => void process.stdout.write(`${line}\n`);

if (scenario === 'migrate') {
  say('go');
  const engine = openEngine({ dataDir, seedDemo: true });
  engine.close();
} else if (scenario === 'ingest') {
  const engine = openEngine({ dataDir, embedder: hashEmbedder({ dimension: 64, delayMs: 2 }) });
  await engine.knowledgeReady;
  say('go');
  await engine.knowledge.startImport([arg ?? '']).done;
  engine.close();
} else if (scenario === 'refund') {
  const engine = openEngine({ dataDir, seedDemo: true });
  const killAt = Number(killAtHookText ?? '0');
  let hookCalls = 0;
  const actions = openActions({
    db: engine.db, workspaceId: engine.workspace.id, commerce: engine.commerce, conversations: engine.conversations,
    events: engine.events, clock: engine.clock, log: engine.log,
    hooks: { at: () => { hookCalls += 1; if (hookCalls === killAt) process.kill(process.pid, 'SIGKILL'); } },
  });
  say('go');
  for (const actionId of (arg ?? '').split(',')) await actions.service.approve(actionId, { actor: 'agent:ana' });
  engine.close();
} else if (scenario === 'draft') {
  const engine = openEngine({ dataDir, seedDemo: true });
  const drafting = engine.drafting;
  if (!drafting) throw new Error('this schema has no drafting service');
  say('go');
  for (const conversationId of (arg ?? '').split(',')) {
    await drafting.generate(conversationId);
    await drafting.regenerate(conversationId);
  }
  await engine.assist.idle();
  engine.close();
} else {
  throw new Error(`unknown scenario ${scenario}`);
}
say('done');
