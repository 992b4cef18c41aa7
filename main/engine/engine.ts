import { join } from 'node:path';
import { AssistPipeline } from './assist/assistPipeline.js';
import { AssistRepository } from './assist/assistRepository.js';
import { EscalationService } from './assist/escalationService.js';
import type { AssistStages } from './assist/stages.js';
import { proposeForAssist, toolOutcomesOf } from './actions/assistStage.js';
import type { CommerceConnector } from './actions/connector.js';
import { openActions, type ActionsModule } from './actions/openActions.js';
import { systemClock, type Clock } from './clock.js';
import { CommerceRepository } from './commerce/commerceRepository.js';
import { ConversationRepository } from './conversations/conversationRepository.js';
import { ConversationService } from './conversations/conversationService.js';
import { DEMO_WORKSPACE_ID, seedDemoWorkspace, type SeedReport } from './demo/seedDemoWorkspace.js';
import { DataSafetyService } from './dataSafety/dataSafetyService.js';
import { DraftingService, type DraftingOptions } from './drafting/draftingService.js';
import { DraftRepository } from './drafting/draftRepository.js';
import type { ModelHost } from './drafting/modelHost.js';
import { EventBus } from './events.js';
import { KnowledgeService } from './knowledge/knowledgeService.js';
import { MetricsService } from './metrics/metricsService.js';
import { RouterService, type Trainer } from './router/routerService.js';
import { ModelIntentFallback } from './router/modelIntentFallback.js';
import { ModelPacketSummarizer } from './assist/modelPacketSummarizer.js';
import type { Embedder } from '../ml/embedder.js';
import { silentLog, type Log } from './log.js';
import type { DatabaseKey } from './store/connection.js';
import { openDatabase, type Database } from './store/database.js';
import { createPrivateFile, securePrivateFolder } from './store/privateFiles.js';
import type { MigrationReport } from './store/migrate.js';
import type { Migration } from './store/migration.js';
import { WorkspaceRepository, type Workspace } from './workspace/workspaceRepository.js';
import { AgentProfile } from './workspace/agentProfile.js';

export interface EngineOptions {
  /** Folder that holds tandem.db; created if missing. Use ':memory:' for a throwaway engine. */
  readonly dataDir: string;
  readonly clock?: Clock;
  readonly log?: Log;
  /** Seed the demo workspace on first open (the app does; tests and connectors may not want it). */
  readonly seedDemo?: boolean;
  /** The commerce backend the tools act on; defaults to the embedded SQLite one. */
  readonly commerceConnector?: CommerceConnector;
  /**
   * The schema migrations to apply (defaults to all the code knows). Tests pass fewer to open the
   * previous version's schema (drafting is then null); the engine needs at least up to assist_results (0005).
   */
  readonly migrations?: readonly Migration[];
  /** Sentence embedder for the knowledge base; without one, knowledge search is lexical (BM25) only. */
  readonly embedder?: Embedder;
  /** Knowledge documents older than this many days are flagged stale (default 365). */
  readonly knowledgeStaleAfterDays?: number;
  /** Trains intent models; defaults to a worker thread (tests may train in-process). */
  readonly intentTrainer?: Trainer;
  /** The host's model manager (GGUF chat models); without one, or with none loaded, drafts are grounded templates. */
  readonly models?: ModelHost;
  readonly drafting?: DraftingOptions;
  /**
   * The key of an encrypted workspace (32 bytes, or 64 hex characters); a new data folder opened with a
   * key is created encrypted. Hosts resolve it (environment, key file, OS keychain); the engine only uses it.
   */
  readonly databaseKey?: DatabaseKey | null;
}

export interface Engine {
  readonly db: Database;
  readonly dataDir: string;
  readonly databaseFile: string;
  /** Whether tandem.db (and its backups) are encrypted at rest. */
  readonly encrypted: boolean;
  readonly events: EventBus;
  readonly clock: Clock;
  readonly log: Log;
  readonly workspace: Workspace;
  readonly workspaces: WorkspaceRepository;
  readonly commerce: CommerceRepository;
  readonly conversations: ConversationService;
  /** The knowledge base; hosts call knowledge.ensureDemoIndexed() after start (embedding is async). */
  readonly knowledge: KnowledgeService;
  /** Resolves when the embedder is attached and any missing vectors are built (or rejects with why not). */
  readonly knowledgeReady: Promise<void>;
  /** The live pipeline; runs by itself on every customer message and pushes 'assist.updated'. */
  readonly assist: AssistPipeline;
  /** The stages the pipeline calls; services plug themselves in here as they are opened. */
  readonly assistStages: AssistStages;
  readonly escalation: EscalationService;
  /** Tools, customer verification, proposals, approvals, tickets and the audit trail. */
  readonly actions: ActionsModule;
  /** The agent signed in on this desktop: the display name every UI decision is recorded under. */
  readonly profile: AgentProfile;
  /** Intent, entities and sentiment per customer message; the workspace's taxonomy and its model. */
  readonly router: RouterService;
  /** Outcome events, the seed's metrics, the review list, knowledge gaps, ROI and exports. */
  readonly metrics: MetricsService;
  /** Drafted replies (template or LLM), their quality gate, and the agent's send/edit/discard loop; null on an older schema. */
  readonly drafting: DraftingService | null;
  /** Backups, conversation export with its audit trail, and the retention purge. */
  readonly dataSafety: DataSafetyService;
  /** The injected model manager, or null when the host gave none. */
  readonly models: ModelHost | null;
  readonly migration: MigrationReport;
  readonly seed: SeedReport | null;
  close(): void;
}

const DEFAULT_WORKSPACE_ID = 'default';

/** Opens the product as a library: no Electron, no HTTP, no process.env. Hosts wrap it. */
export function openEngine(options: EngineOptions): Engine {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? silentLog;
  const inMemory = options.dataDir === ':memory:';
  const databaseFile = inMemory ? ':memory:' : join(options.dataDir, 'tandem.db');
  if (!inMemory) {
    securePrivateFolder(options.dataDir, log);
    createPrivateFile(databaseFile);
  }
  const { db, migration, encrypted } = openDatabase(databaseFile, {
    ...(options.migrations ? { migrations: options.migrations } : {}),
    key: options.databaseKey ?? null,
  });
  if (migration.applied.length > 0) log.info('database migrated', { ...migration });

  const workspaces = new WorkspaceRepository(db);
  let seed: SeedReport | null = null;
  try {
    if (options.seedDemo) {
      seed = seedDemoWorkspace(db, clock);
      if (seed.seeded) log.info('demo workspace seeded', { ...seed });
    }
  } catch (error) {
    db.close();
    throw error;
  }
  const workspace = workspaces.get(options.seedDemo ? DEMO_WORKSPACE_ID : DEFAULT_WORKSPACE_ID) ?? firstOrDefault(workspaces, clock);

  const events = new EventBus();
  const commerce = new CommerceRepository(db);
  const conversations = new ConversationService(workspace.id, new ConversationRepository(db), commerce, events, clock);
  const knowledge = new KnowledgeService(db, workspace.id, events, clock, log, commerce, {
    ...(options.knowledgeStaleAfterDays !== undefined ? { staleAfterDays: options.knowledgeStaleAfterDays } : {}),
  });
  const knowledgeReady = options.embedder ? knowledge.attachEmbedder(options.embedder) : Promise.resolve();
  knowledgeReady.catch((error: unknown) => {
    // Closing the engine (then its embedder) mid-build stops the build: expected, not an error.
    if (db.open) log.error('knowledge index could not be prepared', { error: String(error) });
  });
  const actions = openActions({ db, workspaceId: workspace.id, commerce, conversations, events, clock, log, connector: options.commerceConnector });
  // The search_knowledge_base tool is the knowledge base itself, returned as short cited snippets.
  actions.setKnowledgeSearch(async (query, intent) =>
    (await knowledge.search(query, { intent, limit: 3 })).hits.map((hit) => ({
      title: hit.citation.documentTitle,
      source: hit.citation.source,
      snippet: hit.text.slice(0, 300),
      score: hit.score,
    })),
  );
  // Same embedder as the knowledge base; without one the router classifies on words (hashed n-grams).
  const router = new RouterService({
    workspaceId: workspace.id, db, embedder: options.embedder ?? null, commerce, conversations, events, clock, log,
    ...(options.intentTrainer ? { trainer: options.intentTrainer } : {}),
    // Low-confidence messages go to the loaded local model too (grammar-constrained JSON); no model, no call.
    ...(options.models ? { llm: new ModelIntentFallback(() => options.models?.model ?? null) } : {}),
  });
  const assistRepository = new AssistRepository(db);
  const assistStages: AssistStages = {
    orderTotalCents: (orderId) => paidTotalCents(commerce, workspace.id, orderId),
  };
  // The assist panel's Evidence: top 3 knowledge chunks for the latest customer message, filtered by intent.
  assistStages.retrieve = (query) => knowledge.startSearch(query, { limit: 3 });
  assistStages.route = (request) => router.route(request);
  assistStages.prefetchRoute = (request) => router.prefetch(request.text, request.history ?? []);
  assistStages.proposeActions = proposeForAssist(actions.service);
  assistStages.toolOutcomes = (conversationId) => toolOutcomesOf(actions.service, conversationId);
  const escalation: EscalationService = new EscalationService(
    workspace.id,
    workspaces,
    conversations,
    assistRepository,
    (): AssistPipeline => assist,
    (conversationId) => assistStages.toolOutcomes?.(conversationId) ?? [],
    clock,
  );
  // With a loaded model the handoff summary is abstractive (checked against the conversation), else extractive.
  if (options.models) {
    const models = options.models;
    escalation.setSummarizer(new ModelPacketSummarizer({ workspaceId: workspace.id, model: () => models.model, conversations, commerce }));
  }
  // Escalations become tickets in Tandem's own queue unless a host plugs in another destination.
  escalation.setSender(async (packet) => {
    const top = packet.flags[0]?.priority;
    const ticket = actions.tickets.open({
      workspaceId: workspace.id,
      conversationId: packet.conversationId,
      customerId: conversations.summary(packet.conversationId).customerId,
      subject: `Escalation to ${packet.queue}: ${packet.flags[0]?.reason ?? packet.reason}`.slice(0, 200),
      priority: top === 'immediate' ? 'urgent' : top === 'high' ? 'high' : 'medium',
      summary: `${packet.summary}\n\nReason: ${packet.reason}`,
      createdAt: clock.now(),
    });
    return { destination: `ticket:${packet.queue}`, reference: ticket.id };
  });
  const assist: AssistPipeline = new AssistPipeline(conversations, assistRepository, assistStages, () => escalation.config(), events, clock, log);
  // Subscribed before the assist pipeline so a reopen is recorded before the new message is assisted.
  const metrics = new MetricsService({ db, workspaceId: workspace.id, workspaces, conversations, events, clock, log, embedder: options.embedder ?? null });
  const savedModelFolder = options.models ? workspaces.getSetting<string | null>(workspace.id, 'models.userFolder') : undefined;
  if (savedModelFolder) options.models?.setUserFolder(savedModelFolder);
  const drafting = DraftRepository.available(db)
    ? new DraftingService({
        db, workspaceId: workspace.id, companyName: workspace.name, workspaces, conversations, assist, actions, commerce, events, clock, log,
        models: options.models ?? null,
        recordModelUsage: (usage) => metrics.recordModelUsage({ ...usage, local: true }),
        ...(options.drafting ? { options: options.drafting } : {}),
      })
    : null;
  const dataSafety = new DataSafetyService({
    db, dataDir: options.dataDir, workspaceId: workspace.id, workspaces, audit: actions.audit, clock, log,
    key: encrypted ? (options.databaseKey ?? null) : null,
  });
  dataSafety.scheduleRetention();
  events.subscribe((event) => {
    if (event.type === 'message.added' && event.message.role === 'customer') {
      assist.assistMessage(event.message.conversationId, event.message.id).catch((error: unknown) => {
        log.error('assist failed', { conversationId: event.message.conversationId, error: String(error) });
      });
    }
  });

  return {
    db,
    dataDir: options.dataDir,
    databaseFile,
    encrypted,
    events,
    clock,
    log,
    workspace,
    workspaces,
    commerce,
    conversations,
    knowledge,
    knowledgeReady,
    assist,
    assistStages,
    escalation,
    actions,
    profile: new AgentProfile(workspace.id, workspaces, actions.audit, clock),
    router,
    metrics,
    drafting,
    dataSafety,
    models: options.models ?? null,
    migration,
    seed,
    close: () => {
      dataSafety.close();
      drafting?.close();
      db.close();
    },
  };
}

function paidTotalCents(commerce: CommerceRepository, workspaceId: string, orderId: string): number | null {
  const order = commerce.getOrder(workspaceId, orderId.startsWith('#') ? orderId : `#${orderId}`);
  if (!order) return null;
  return order.payments.reduce((sum, p) => sum + (p.transactionType === 'payment' ? p.amountCents : -p.amountCents), 0);
}

function firstOrDefault(workspaces: WorkspaceRepository, clock: Clock): Workspace {
  const existing = workspaces.list()[0];
  if (existing) return existing;
  const created: Workspace = { id: DEFAULT_WORKSPACE_ID, name: 'My workspace', isDemo: false, createdAt: clock.now() };
  workspaces.insert(created);
  return created;
}
