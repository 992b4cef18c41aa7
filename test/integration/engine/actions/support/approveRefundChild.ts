/**
 * Child process for the crash test: approves one refund on an existing data directory and kills
 * itself with SIGKILL at the requested execution point, exactly as a power cut or `kill -9` would.
 * Usage: node --import tsx approveRefundChild.ts <dataDir> <actionId> <point|none>
 */
import { openActions } from '../../../../../main/engine/actions/openActions.js';
import { openEngine } from '../../../../../main/engine/index.js';
import { migrationsWithActions } from '../actionsTestEngine.js';

const [dataDir, actionId, killAt] = process.argv.slice(2);
if (!dataDir || !actionId || !killAt) throw new Error('usage: approveRefundChild <dataDir> <actionId> <point|none>');

const engine = openEngine({ dataDir, seedDemo: true, migrations: migrationsWithActions() });
const actions = openActions({
  db: engine.db, workspaceId: engine.workspace.id, commerce: engine.commerce, conversations: engine.conversations,
  events: engine.events, clock: engine.clock, log: engine.log,
  hooks: { at: (point) => { if (point === killAt) process.kill(process.pid, 'SIGKILL'); } },
});
const result = await actions.service.approve(actionId, { actor: 'agent:ana' });
process.stdout.write(`${result.status}\n`);
engine.close();
