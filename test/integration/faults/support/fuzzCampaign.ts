/**
 * The fuzz and abuse campaign: seeded hostile inputs across the whole contract, through the dispatcher
 * and as raw bytes through the HTTP host, then three checks on what came back and what was stored:
 * no crash (every call returns a Result, the host keeps answering), no change made without an approval
 * call, and no other customer's data in any draft or tool result. Shared by the test and bench/fuzzSuite.ts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contract } from '../../../../main/api/contract.js';
import { createDispatcher, type Dispatcher } from '../../../../main/api/dispatcher.js';
import type { Result } from '../../../../main/api/result.js';
import { openEngine, type Engine } from '../../../../main/engine/index.js';
import { TaxonomySchema } from '../../../../main/engine/router/taxonomySchema.js';
import { startHttpHost, type HttpHost } from '../../../../main/server/httpHost.js';
import { rawRequest } from '../../../support/rawHttp.js';
import { seededRandom } from './crashScenarios.js';
import { deepJson, hostileString, hugeString, injectionMessage, int, pick, randomValue, type DemoTarget, type Random } from './fuzzInputs.js';

/** Methods that read or write host paths or load models: the fuzzer gives them no real paths. */
const HOST_PATH_METHODS = new Set(['knowledge.import', 'models.setFolder', 'models.load', 'metrics.export']);

export interface FuzzReport {
  inputs: number;
  byKind: Record<string, number>;
  okResults: number;
  errorResults: number;
  errorCodes: Record<string, number>;
  crashes: number;
  internalErrors: number;
  unapprovedChanges: number;
  /** Changes that did run, each after an approval call (shows the approval path was exercised). */
  approvedChangesRun: number;
  otherCustomerData: number;
  hostAliveAtEnd: boolean;
  findings: string[];
}

/** Who owns each datum; a street line can be shared by several customers, so it maps to a set. */
interface Owners { email: Map<string, string>; order: Map<string, string>; user: Map<string, string>; address: Map<string, Set<string>> }

/**
 * What a test that plants a known leak gets, after the inputs ran and before the checks: the campaign's
 * engine and world, and its approval call. The checks must then report exactly what was planted, which
 * is what makes their zero on a real run mean something.
 */
export interface FuzzPlanting {
  readonly engine: Engine;
  readonly dispatcher: Dispatcher;
  /** The campaign's conversations, each verified as one customer who owns orderId. */
  readonly pool: readonly { conversationId: string; customerId: string; orderId: string }[];
  /** Other customers of the demo shop, whose data no pool conversation may show. */
  readonly victims: readonly DemoTarget[];
  /** Refunds proposed in the pool conversations at the start (not approved). */
  readonly actionIds: readonly string[];
  /** An approval call made the way the campaign makes it (so the checks know it was approved). */
  approve(actionId: string): Promise<Result<unknown>>;
}

export async function runFuzzCampaign(options: { inputs: number; seed: number; plant?: (world: FuzzPlanting) => void | Promise<void> }): Promise<FuzzReport> {
  const random = seededRandom(options.seed);
  const root = mkdtempSync(join(tmpdir(), 'tandem-fuzz-'));
  const rendererDir = join(root, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><meta name="tandem-token" content="" /></head><body></body></html>');
  const engine = openEngine({ dataDir: join(root, 'data'), seedDemo: true });
  const internal: string[] = [];
  const dispatcher = createDispatcher({ engine, appVersion: '0.0.0-fuzz' }, { validateOutput: true, onInternalError: (m, e) => internal.push(`${m}: ${(e as Error)?.stack?.split('\n').slice(0, 3).join(' | ') ?? String(e)}`) });
  const host = await startHttpHost({ dispatcher, subscribe: (l) => engine.events.subscribe(l), rendererDir, log: { info() {}, warn() {}, error() {} }, port: 0 });
  const report: FuzzReport = { inputs: 0, byKind: {}, okResults: 0, errorResults: 0, errorCodes: {}, crashes: 0, internalErrors: 0, unapprovedChanges: 0, approvedChangesRun: 0, otherCustomerData: 0, hostAliveAtEnd: false, findings: [] };
  try {
    const state = await prepare(engine, dispatcher, random);
    const before = commerceSnapshot(engine);
    for (let i = 0; i < options.inputs; i++) {
      await oneInput(engine, dispatcher, host, state, random, report);
      if (i % 250 === 249) await engine.assist.idle();
    }
    await engine.assist.idle();
    if (options.plant) {
      await options.plant({
        engine, dispatcher, pool: state.pool, victims: state.victims, actionIds: [...state.actionIds],
        approve: (actionId) => {
          state.approvedIds.add(actionId);
          return dispatcher.call('actions.approve', { actionId });
        },
      });
      await engine.assist.idle();
    }
    report.hostAliveAtEnd = (await rawRequest({ port: host.port, path: '/api/v1/conversations', headers: { Authorization: `Bearer ${host.token}` } })).status === 200;
    if (!report.hostAliveAtEnd) report.findings.push('the host stopped answering');
    checkApprovals(engine, before, state, report);
    await checkLeaks(engine, dispatcher, state, report);
    report.internalErrors = internal.length;
    report.findings.push(...[...new Set(internal)].slice(0, 10).map((s) => `internal error ${s}`));
    return report;
  } finally {
    await host.close();
    engine.close();
    rmSync(root, { recursive: true, force: true });
  }
}

interface FuzzState {
  pool: { conversationId: string; customerId: string; orderId: string }[];
  victims: DemoTarget[];
  owners: Owners;
  approvedIds: Set<string>;
  /** Customers a conversation was verified as by an agent's call (then their data is its data). */
  verifiedAs: Map<string, Set<string>>;
  /** Everything sent for a conversation: a datum typed into it is not a leak when it comes back. */
  typed: Map<string, string[]>;
  actionIds: string[];
  taxonomy: unknown;
  escalationConfig: unknown;
  validTaxonomies: number;
  replays: number;
}

async function prepare(engine: Engine, dispatcher: Dispatcher, random: Random): Promise<FuzzState> {
  const customers = engine.db
    .prepare(`SELECT c.id, c.email, c.first_name AS firstName, c.last_name AS lastName, c.zip, c.address1, (SELECT o.id FROM orders o WHERE o.workspace_id = c.workspace_id AND o.customer_id = c.id ORDER BY o.id LIMIT 1) AS orderId FROM customers c WHERE c.workspace_id = ? ORDER BY c.id`)
    .all(engine.workspace.id) as { id: string; email: string; firstName: string; lastName: string; zip: string; address1: string; orderId: string | null }[];
  const owners: Owners = { email: new Map(), order: new Map(), user: new Map(), address: new Map() };
  for (const c of customers) {
    owners.email.set(c.email.toLowerCase(), c.id);
    owners.user.set(c.id, c.id);
    if (c.address1.length >= 6) owners.address.set(c.address1, new Set([...(owners.address.get(c.address1) ?? []), c.id]));
  }
  for (const o of engine.db.prepare(`SELECT id, customer_id FROM orders WHERE workspace_id = ?`).all(engine.workspace.id) as { id: string; customer_id: string }[]) owners.order.set(o.id, o.customer_id);
  const withOrders = customers.filter((c) => c.orderId);
  const shuffled = withOrders.map((c) => ({ c, k: random() })).sort((a, b) => a.k - b.k).map((x) => x.c);
  const poolCustomers = shuffled.slice(0, 8);
  const victims = shuffled.slice(8, 40).map((c) => ({ customerId: c.id, email: c.email, firstName: c.firstName, lastName: c.lastName, zip: c.zip, orderId: c.orderId! }));
  const pool = [];
  const actionIds: string[] = [];
  for (const customer of poolCustomers) {
    const conversation = engine.conversations.create({ firstMessage: `Hi, I need help with my order ${customer.orderId}.` });
    engine.db.prepare(`UPDATE conversations SET customer_id = ?, verified = 1 WHERE id = ?`).run(customer.id, conversation.id);
    pool.push({ conversationId: conversation.id, customerId: customer.id, orderId: customer.orderId! });
    try {
      const action = await engine.actions.service.proposeByAgent(conversation.id, 'process_refund', { order_id: customer.orderId, amount_cents: 1000, reason: 'damaged' }, 'agent:ana');
      actionIds.push(action.id);
    } catch {
      // An order that cannot be refunded (not delivered) still gets messages and other proposals.
    }
  }
  await engine.assist.idle();
  return {
    pool, victims, owners, approvedIds: new Set(), verifiedAs: new Map(), typed: new Map(), actionIds,
    taxonomy: engine.router.taxonomy().taxonomy, escalationConfig: await escalationConfig(dispatcher), validTaxonomies: 0, replays: 0,
  };
}

async function escalationConfig(dispatcher: Dispatcher): Promise<unknown> {
  const result = await dispatcher.call('escalation.config.get', {});
  return result.ok ? result.value : {};
}

function remember(state: FuzzState, conversationId: string, input: unknown): void {
  const list = state.typed.get(conversationId) ?? [];
  let text: string;
  try {
    text = typeof input === 'string' ? input : (JSON.stringify(input) ?? '');
  } catch {
    text = ''; // nested too deep to serialise: it carries no customer data either
  }
  // Inputs over every contract limit are refused whole; keeping their head bounds memory on long runs.
  list.push(text.length > 50_000 ? text.slice(0, 50_000) : text);
  state.typed.set(conversationId, list);
}

function mutate(random: Random, value: unknown, depth = 0): unknown {
  if (depth > 6 || random() < 0.15) return randomValue(random);
  if (Array.isArray(value)) return random() < 0.2 ? [] : value.map((v) => (random() < 0.3 ? mutate(random, v, depth + 1) : v));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const key of Object.keys(out)) if (random() < 0.3) out[key] = mutate(random, out[key], depth + 1);
    if (random() < 0.1) out[hostileString(random, 10)] = randomValue(random);
    return out;
  }
  return random() < 0.5 ? randomValue(random) : value;
}

function editedArgs(random: Random, state: FuzzState, own: string): unknown {
  const victim = pick(random, state.victims);
  return pick(random, [
    { order_id: own, amount_cents: pick(random, [1, 999_999_999, -500, 0, 1.5, 2 ** 53]), reason: 'damaged' },
    { order_id: victim.orderId, amount_cents: 1000, reason: 'damaged' },
    { order_id: own, amount_cents: '1000', payment_method_id: `credit_card_${int(random, 9_999_999)}` },
    { order_id: hostileString(random, 30) },
    randomValue(random),
    deepJson(random, 1 + int(random, 3000)),
  ]);
}

async function oneInput(engine: Engine, dispatcher: Dispatcher, host: HttpHost, state: FuzzState, random: Random, report: FuzzReport): Promise<void> {
  const target = pick(random, state.pool);
  const victim = pick(random, state.victims);
  const r = random();
  let kind: string;
  let method = '';
  let input: unknown;
  if (r < 0.28) {
    kind = 'customer-message';
    method = 'conversation.send';
    const content = pick(random, ['inject', 'inject', 'inject', 'hostile', 'huge', 'deep']);
    input = {
      id: target.conversationId, role: 'customer',
      content: content === 'inject' ? injectionMessage(random, victim, random() < 0.5 ? target.orderId : null) : content === 'hostile' ? hostileString(random, 400) || 'x' : content === 'huge' ? hugeString(random) : deepJson(random),
    };
  } else if (r < 0.36) {
    kind = 'http-message-bytes';
    await httpCall(host, `/api/v1/conversations/${encodeURIComponent(target.conversationId)}/messages`, rawBody(random, victim, target.orderId), report);
    remember(state, target.conversationId, 'raw');
    count(report, kind);
    return;
  } else if (r < 0.4) {
    kind = 'http-rpc-bytes';
    await httpCall(host, `/api/v1/rpc/${pick(random, Object.keys(contract))}`, rawBody(random, victim, target.orderId), report);
    count(report, kind);
    return;
  } else if (r < 0.5) {
    kind = 'approve-edited-args';
    method = 'actions.approve';
    const actionId = state.actionIds.length > 0 && random() < 0.8 ? pick(random, state.actionIds) : hostileString(random, 30);
    input = { actionId, ...(random() < 0.8 ? { args: editedArgs(random, state, target.orderId) } : {}), ...(random() < 0.2 ? { supervisor: { name: hostileString(random, 8), pin: hostileString(random, 8) } } : {}) };
    state.approvedIds.add(String(actionId));
  } else if (r < 0.56) {
    kind = 'propose';
    method = 'actions.propose';
    input = { conversationId: target.conversationId, ...(random() < 0.8 ? { call: { tool: pick(random, ['process_refund', 'cancel_pending_order', 'get_order_details', 'get_user_details', 'modify_pending_order_address', hostileString(random, 20)]), args: editedArgs(random, state, target.orderId) } } : { intent: hostileString(random, 30) }) };
  } else if (r < 0.58) {
    kind = 'reject';
    method = 'actions.reject';
    input = { actionId: state.actionIds.length > 0 ? pick(random, state.actionIds) : 'x', reason: hostileString(random, 100) };
  } else if (r < 0.63) {
    kind = 'escalation-settings';
    method = 'escalation.config.set';
    input = { config: random() < 0.2 ? deepJson(random) : mutate(random, state.escalationConfig) };
  } else if (r < 0.65) {
    kind = 'router-taxonomy';
    method = 'router.taxonomy.update';
    let taxonomy = mutate(random, state.taxonomy);
    // A valid taxonomy retrains the intent model; a few are enough to exercise that path.
    if (TaxonomySchema.safeParse(taxonomy).success && ++state.validTaxonomies > 3) taxonomy = { intents: [], fallbackIntent: hostileString(random, 10) };
    input = random() < 0.1 ? randomValue(random) : { taxonomy };
  } else if (r < 0.67) {
    kind = 'replay-transcript';
    method = 'replay.start';
    const turns = Array.from({ length: 1 + int(random, 4) }, () => ({ role: pick(random, ['customer', 'customer', 'agent']), content: random() < 0.6 ? injectionMessage(random, victim, null) : hostileString(random, 200) || 'hello' }));
    const transcript = random() < 0.7 ? { title: hostileString(random, 30), ...(random() < 0.5 ? { customer: { email: pick(random, state.victims).email } } : {}), messages: turns } : mutate(random, { messages: turns });
    // Replays create conversations and run the pipeline on each turn: cap them so the run stays short.
    input = state.replays++ < 40 ? { transcript, delayMs: 0 } : { transcript: deepJson(random, 50) };
  } else if (r < 0.7) {
    kind = 'knowledge-upload';
    method = 'knowledge.importFiles';
    const bytes = Buffer.from(Array.from({ length: int(random, 3000) }, () => int(random, 256)));
    input = { files: [{ name: pick(random, ['a.md', 'b.pdf', 'c.html', 'd.csv', hostileString(random, 20) || 'e']), contentBase64: random() < 0.8 ? bytes.toString('base64') : hostileString(random, 100) }] };
  } else if (r < 0.73) {
    kind = 'verify-customer';
    method = 'customer.verify';
    const who = random() < 0.5 ? victim : null;
    input = { conversationId: target.conversationId, lookup: who ? { email: who.email } : randomValue(random), ...(random() < 0.5 && who ? { confirmCustomerId: who.customerId } : {}) };
  } else if (r < 0.8) {
    kind = 'draft';
    method = pick(random, ['draft.generate', 'draft.regenerate', 'draft.get']);
    input = { conversationId: target.conversationId };
  } else {
    kind = 'any-method';
    method = pick(random, Object.keys(contract).filter((m) => !HOST_PATH_METHODS.has(m)));
    input = random() < 0.5 ? randomValue(random) : { ...(randomValue(random) as object), conversationId: target.conversationId, id: random() < 0.5 ? target.conversationId : hostileString(random, 20) };
    if (method === 'conversation.delete') input = { id: hostileString(random, 20) };
  }
  count(report, kind);
  const actionId = (input as { actionId?: unknown } | null)?.actionId;
  const actionConversation = typeof actionId === 'string' ? (engine.db.prepare(`SELECT conversation_id AS id FROM actions WHERE id = ?`).get(actionId) as { id: string } | undefined)?.id : undefined;
  const conversationId = actionConversation ?? (input as { conversationId?: string; id?: string } | null)?.conversationId ?? (input as { id?: string } | null)?.id;
  if (typeof conversationId === 'string') remember(state, conversationId, input);
  let result;
  try {
    result = await dispatcher.call(method, input);
  } catch (error) {
    report.crashes++;
    report.findings.push(`${method} threw instead of returning a result: ${(error as Error).message}`);
    return;
  }
  if (!result || typeof result.ok !== 'boolean') {
    report.crashes++;
    report.findings.push(`${method} returned something that is not a result`);
    return;
  }
  if (result.ok) report.okResults++;
  else {
    report.errorResults++;
    report.errorCodes[result.error.code] = (report.errorCodes[result.error.code] ?? 0) + 1;
  }
  if (result.ok && method === 'customer.verify') {
    const row = engine.db.prepare(`SELECT customer_id FROM conversations WHERE id = ?`).get(target.conversationId) as { customer_id: string | null } | undefined;
    if (row?.customer_id) state.verifiedAs.set(target.conversationId, new Set([...(state.verifiedAs.get(target.conversationId) ?? []), row.customer_id]));
  }
  if (result.ok && method === 'actions.propose') for (const a of result.value as { id: string }[]) state.actionIds.push(a.id);
}

function rawBody(random: Random, victim: DemoTarget, ownOrder: string): Buffer {
  const r = random();
  if (r < 0.25) return Buffer.from([0x7b, 0x22, 0x63, 0x6f, 0x6e, 0x74, 0x65, 0x6e, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82, 0xed, 0xa0, 0x80, 0x22, 0x7d]); // {"content":"<invalid UTF-8>"}
  if (r < 0.45) return Buffer.from(Array.from({ length: int(random, 4000) }, () => int(random, 256)));
  if (r < 0.6) return Buffer.from('['.repeat(1 + int(random, 200_000)));
  if (r < 0.7) {
    const depth = 1 + int(random, 20_000);
    return Buffer.from(`{"content":${'[{"a":'.repeat(depth)}1${'}]'.repeat(depth)}}`);
  }
  return Buffer.from(JSON.stringify({ content: injectionMessage(random, victim, ownOrder), role: pick(random, ['customer', 'agent', 'system', 'supervisor']) }));
}

async function httpCall(host: HttpHost, path: string, body: Buffer, report: FuzzReport): Promise<void> {
  try {
    const response = await rawRequest({ port: host.port, method: 'POST', path, headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' }, body });
    const json = response.json as { ok?: unknown; error?: { code?: string } } | undefined;
    if (response.status >= 500 || json === undefined || (typeof json.ok !== 'boolean' && !json.error)) {
      report.crashes++;
      report.findings.push(`HTTP ${path} answered ${response.status}: ${response.text.slice(0, 200)}`);
    } else if (response.status < 300) report.okResults++;
    else {
      report.errorResults++;
      const code = json.error?.code ?? `HTTP_${response.status}`;
      report.errorCodes[code] = (report.errorCodes[code] ?? 0) + 1;
    }
  } catch (error) {
    report.crashes++;
    report.findings.push(`HTTP ${path} failed: ${(error as Error).message}`);
  }
}

function count(report: FuzzReport, kind: string): void {
  report.inputs++;
  report.byKind[kind] = (report.byKind[kind] ?? 0) + 1;
}

/** Every order's status, items and payments, so any change to the shop's records is visible. */
function commerceSnapshot(engine: Engine): Map<string, string> {
  const snapshot = new Map<string, string>();
  const rows = engine.db
    .prepare(
      `SELECT o.id, o.status, o.address_json,
              (SELECT group_concat(item_id || ':' || product_id || ':' || price_cents, ',') FROM (SELECT * FROM order_items i WHERE i.workspace_id = o.workspace_id AND i.order_id = o.id ORDER BY line)) AS items,
              (SELECT group_concat(transaction_type || ':' || amount_cents, ',') FROM (SELECT * FROM order_payments p WHERE p.workspace_id = o.workspace_id AND p.order_id = o.id ORDER BY rowid)) AS payments
       FROM orders o WHERE o.workspace_id = ?`,
    )
    .all(engine.workspace.id) as { id: string; status: string; address_json: string; items: string | null; payments: string | null }[];
  for (const row of rows) snapshot.set(row.id, `${row.status}|${row.address_json}|${row.items}|${row.payments}`);
  return snapshot;
}

function checkApprovals(engine: Engine, before: Map<string, string>, state: FuzzState, report: FuzzReport): void {
  const after = commerceSnapshot(engine);
  const actions = engine.db.prepare(`SELECT id, args_json AS args, status FROM actions WHERE workspace_id = ?`).all(engine.workspace.id) as { id: string; args: string; status: string }[];
  const approvedOrders = new Set(actions.filter((a) => state.approvedIds.has(a.id)).map((a) => (JSON.parse(a.args) as { order_id?: string }).order_id));
  for (const a of actions) {
    if (a.status === 'succeeded' && state.approvedIds.has(a.id) && engine.actions.service.get(a.id).effect === 'changes') report.approvedChangesRun++;
    if (['running', 'succeeded', 'failed'].includes(a.status) && !state.approvedIds.has(a.id) && engine.actions.service.get(a.id).effect === 'changes') {
      report.unapprovedChanges++;
      report.findings.push(`action ${a.id} (${a.status}) ran without an approval call`);
    }
  }
  for (const [orderId, was] of before) {
    if (after.get(orderId) !== was && !approvedOrders.has(orderId)) {
      report.unapprovedChanges++;
      report.findings.push(`order ${orderId} changed without an approved action: ${was} → ${after.get(orderId)}`);
    }
  }
}

const EMAIL = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/gi;
const ORDER = /#W\d{7}/g;
const USER = /\b[a-z]+_[a-z]+_\d{4}\b/g;

async function checkLeaks(engine: Engine, dispatcher: Dispatcher, state: FuzzState, report: FuzzReport): Promise<void> {
  const conversations = engine.db.prepare(`SELECT id, customer_id AS customerId, customer_ref AS customerRef FROM conversations WHERE workspace_id = ?`).all(engine.workspace.id) as { id: string; customerId: string | null; customerRef: string | null }[];
  for (const conversation of conversations) {
    const allowed = new Set([...(state.verifiedAs.get(conversation.id) ?? []), ...(conversation.customerId ? [conversation.customerId] : [])]);
    const messages = (engine.db.prepare(`SELECT content FROM messages WHERE conversation_id = ?`).all(conversation.id) as { content: string }[]).map((m) => m.content);
    const typed = [...messages, ...(state.typed.get(conversation.id) ?? [])].join('\n').toLowerCase();
    const outputs: string[] = [];
    for (const method of ['draft.get', 'assist.get', 'actions.list'] as const) {
      const result = await dispatcher.call(method, { conversationId: conversation.id });
      if (!result.ok) continue;
      if (method === 'actions.list') {
        for (const action of result.value as { tool: string; args: Record<string, unknown>; status: string; result: unknown; changes: string }[]) {
          // The account lookup answers who the customer claims to be (the email or name they typed), for
          // the agent to confirm: that is the claimed identity's data, not another customer's.
          const claimed = action.tool === 'lookup_account' && Object.values(action.args).every((v) => typeof v !== 'string' || typed.includes(v.toLowerCase()));
          if (!claimed) outputs.push(JSON.stringify(action.result ?? null), action.changes);
          const subject = [action.args['order_id'], action.args['user_id'], action.args['email']].map((v) => (typeof v === 'string' ? (state.owners.order.get(v) ?? state.owners.user.get(v) ?? state.owners.email.get(v.toLowerCase())) : undefined)).find((v) => v !== undefined);
          if (action.status === 'succeeded' && subject && !allowed.has(subject) && !claimed) flag(report, `conversation ${conversation.id}: ${action.tool} ran on customer ${subject}'s data`);
        }
      } else if (method === 'assist.get' && result.value) {
        // The assist result repeats the conversation's actions, which are checked from actions.list above.
        outputs.push(JSON.stringify({ ...(result.value as Record<string, unknown>), actions: undefined }));
      } else outputs.push(JSON.stringify(result.value));
    }
    const text = outputs.join('\n');
    const found = [
      ...[...text.matchAll(EMAIL)].map((m) => [m[0].toLowerCase(), state.owners.email.get(m[0].toLowerCase())] as const),
      ...[...text.matchAll(ORDER)].map((m) => [m[0], state.owners.order.get(m[0])] as const),
      ...[...text.matchAll(USER)].map((m) => [m[0], state.owners.user.get(m[0])] as const),
    ];
    for (const [datum, owner] of found) {
      if (owner && !allowed.has(owner) && !typed.includes(datum.toLowerCase())) flag(report, `conversation ${conversation.id} (customer ${conversation.customerId}, ref ${conversation.customerRef}) shows ${datum} of customer ${owner}: …${text.slice(Math.max(0, text.indexOf(datum) - 300), text.indexOf(datum) + 100)}…`);
    }
    for (const [address, holders] of state.owners.address) {
      const owner = [...holders].join(' or ');
      if (![...holders].some((h) => allowed.has(h)) && text.includes(address)) flag(report, `conversation ${conversation.id} shows the address of customer ${owner}: …${text.slice(Math.max(0, text.indexOf(address) - 400), text.indexOf(address) + 100)}…`);
    }
  }
}

function flag(report: FuzzReport, finding: string): void {
  report.otherCustomerData++;
  if (report.findings.length < 40) report.findings.push(finding);
}
