import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock, type Clock } from './clock.js';
import { CommerceRepository } from './commerce/commerceRepository.js';
import { ConversationRepository } from './conversations/conversationRepository.js';
import { ConversationService } from './conversations/conversationService.js';
import { DEMO_WORKSPACE_ID, seedDemoWorkspace, type SeedReport } from './demo/seedDemoWorkspace.js';
import { EventBus } from './events.js';
import { silentLog, type Log } from './log.js';
import { openDatabase, type Database } from './store/database.js';
import type { MigrationReport } from './store/migrate.js';
import { WorkspaceRepository, type Workspace } from './workspace/workspaceRepository.js';

export interface EngineOptions {
  /** Folder that holds tandem.db; created if missing. Use ':memory:' for a throwaway engine. */
  readonly dataDir: string;
  readonly clock?: Clock;
  readonly log?: Log;
  /** Seed the demo workspace on first open (the app does; tests and connectors may not want it). */
  readonly seedDemo?: boolean;
}

export interface Engine {
  readonly db: Database;
  readonly dataDir: string;
  readonly databaseFile: string;
  readonly events: EventBus;
  readonly clock: Clock;
  readonly log: Log;
  readonly workspace: Workspace;
  readonly workspaces: WorkspaceRepository;
  readonly commerce: CommerceRepository;
  readonly conversations: ConversationService;
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
  if (!inMemory) mkdirSync(options.dataDir, { recursive: true });
  const databaseFile = inMemory ? ':memory:' : join(options.dataDir, 'tandem.db');
  const { db, migration } = openDatabase(databaseFile);
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

  return {
    db,
    dataDir: options.dataDir,
    databaseFile,
    events,
    clock,
    log,
    workspace,
    workspaces,
    commerce,
    conversations,
    migration,
    seed,
    close: () => db.close(),
  };
}

function firstOrDefault(workspaces: WorkspaceRepository, clock: Clock): Workspace {
  const existing = workspaces.list()[0];
  if (existing) return existing;
  const created: Workspace = { id: DEFAULT_WORKSPACE_ID, name: 'My workspace', isDemo: false, createdAt: clock.now() };
  workspaces.insert(created);
  return created;
}
