import type { Database } from '../store/database.js';
import type { IntentDefinition, RoutingResult, SentimentLabel, Taxonomy } from './types.js';

export type ExampleSource = 'builtin' | 'workspace' | 'correction';

export interface StoredTaxonomy {
  readonly taxonomy: Taxonomy;
  readonly revision: number;
  readonly learnFromCorrections: boolean;
  readonly updatedAt: number;
}

export interface StoredModelInfo {
  readonly version: number;
  readonly revision: number;
  readonly embedderId: string;
  readonly exampleCount: number;
  readonly trainedAt: number;
  readonly trainMs: number;
  readonly report: Record<string, unknown>;
}

export interface StoredRouting {
  readonly messageId: string;
  readonly conversationId: string;
  readonly routing: RoutingResult;
  readonly correctedIntent: string | null;
  readonly createdAt: number;
}

/** SQL for the router's tables (migration 0003). Callers wrap multi-statement changes in transactions. */
export class RouterRepository {
  constructor(private readonly db: Database) {}

  getTaxonomy(workspaceId: string): StoredTaxonomy | null {
    const head = this.db.prepare(`SELECT * FROM router_taxonomies WHERE workspace_id = ?`).get(workspaceId) as
      | { fallback_intent: string; revision: number; learn_from_corrections: number; updated_at: number }
      | undefined;
    if (!head) return null;
    const intents = this.db
      .prepare(`SELECT * FROM router_intents WHERE workspace_id = ? ORDER BY position`)
      .all(workspaceId) as { name: string; description: string; requires_auth: number; tools_json: string; escalation_threshold: number }[];
    const examples = this.db
      .prepare(`SELECT intent, text FROM router_examples WHERE workspace_id = ? ORDER BY id`)
      .all(workspaceId) as { intent: string; text: string }[];
    const byIntent = new Map<string, string[]>();
    for (const e of examples) byIntent.set(e.intent, [...(byIntent.get(e.intent) ?? []), e.text]);
    return {
      taxonomy: {
        fallbackIntent: head.fallback_intent,
        intents: intents.map(
          (i): IntentDefinition => ({
            name: i.name,
            description: i.description,
            requiresAuth: i.requires_auth === 1,
            tools: JSON.parse(i.tools_json) as string[],
            escalationThreshold: i.escalation_threshold,
            examples: byIntent.get(i.name) ?? [],
          }),
        ),
      },
      revision: head.revision,
      learnFromCorrections: head.learn_from_corrections === 1,
      updatedAt: head.updated_at,
    };
  }

  /**
   * Replaces the taxonomy. `renames` maps old → new names so stored routings keep pointing at the
   * intent; examples keep their source when their text survives the edit.
   */
  saveTaxonomy(
    workspaceId: string,
    taxonomy: Taxonomy,
    options: { now: number; learnFromCorrections: boolean; defaultSource: ExampleSource; renames?: ReadonlyMap<string, string> },
  ): number {
    const previous = this.getTaxonomy(workspaceId);
    const sources = new Map<string, ExampleSource>();
    for (const row of this.db.prepare(`SELECT intent, text, source FROM router_examples WHERE workspace_id = ?`).all(workspaceId) as {
      intent: string;
      text: string;
      source: ExampleSource;
    }[]) {
      const intent = options.renames?.get(row.intent) ?? row.intent;
      sources.set(`${intent}\u0000${row.text}`, row.source);
    }
    const revision = (previous?.revision ?? 0) + 1;
    this.db.prepare(`DELETE FROM router_intents WHERE workspace_id = ?`).run(workspaceId);
    this.db
      .prepare(
        `INSERT INTO router_taxonomies (workspace_id, fallback_intent, revision, learn_from_corrections, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (workspace_id) DO UPDATE SET fallback_intent = excluded.fallback_intent, revision = excluded.revision,
           learn_from_corrections = excluded.learn_from_corrections, updated_at = excluded.updated_at`,
      )
      .run(workspaceId, taxonomy.fallbackIntent, revision, options.learnFromCorrections ? 1 : 0, options.now);
    const insertIntent = this.db.prepare(
      `INSERT INTO router_intents (workspace_id, name, position, description, requires_auth, tools_json, escalation_threshold)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertExample = this.db.prepare(
      `INSERT INTO router_examples (workspace_id, intent, text, source, created_at) VALUES (?, ?, ?, ?, ?)`,
    );
    taxonomy.intents.forEach((intent, position) => {
      insertIntent.run(workspaceId, intent.name, position, intent.description, intent.requiresAuth ? 1 : 0, JSON.stringify(intent.tools), intent.escalationThreshold);
      for (const text of intent.examples) {
        insertExample.run(workspaceId, intent.name, text, sources.get(`${intent.name}\u0000${text}`) ?? options.defaultSource, options.now);
      }
    });
    if (options.renames) {
      const rename = this.db.prepare(
        `UPDATE message_routing SET corrected_intent = ? WHERE corrected_intent = ? AND conversation_id IN (SELECT id FROM conversations WHERE workspace_id = ?)`,
      );
      for (const [from, to] of options.renames) rename.run(to, from, workspaceId);
    }
    return revision;
  }

  setLearnFromCorrections(workspaceId: string, learn: boolean, now: number): void {
    this.db.prepare(`UPDATE router_taxonomies SET learn_from_corrections = ?, updated_at = ? WHERE workspace_id = ?`).run(learn ? 1 : 0, now, workspaceId);
  }

  addExample(workspaceId: string, intent: string, text: string, source: ExampleSource, messageId: string | null, now: number): boolean {
    const exists = this.db
      .prepare(`SELECT 1 FROM router_examples WHERE workspace_id = ? AND intent = ? AND text = ?`)
      .get(workspaceId, intent, text);
    if (exists) return false;
    this.db
      .prepare(`INSERT INTO router_examples (workspace_id, intent, text, source, message_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(workspaceId, intent, text, source, messageId, now);
    this.db.prepare(`UPDATE router_taxonomies SET revision = revision + 1, updated_at = ? WHERE workspace_id = ?`).run(now, workspaceId);
    return true;
  }

  activeModel(workspaceId: string): (StoredModelInfo & { blob: Buffer }) | null {
    const row = this.db.prepare(`SELECT * FROM router_models WHERE workspace_id = ? AND active = 1`).get(workspaceId) as ModelRow | undefined;
    return row ? { ...toModelInfo(row), blob: row.model_blob } : null;
  }

  /** Stores a new model and makes it the active one in one transaction; older models are kept (last 3). */
  activateModel(workspaceId: string, info: Omit<StoredModelInfo, 'version'>, blob: Buffer): number {
    const version =
      ((this.db.prepare(`SELECT MAX(version) AS v FROM router_models WHERE workspace_id = ?`).get(workspaceId) as { v: number | null }).v ?? 0) + 1;
    this.db.transaction(() => {
      this.db.prepare(`UPDATE router_models SET active = 0 WHERE workspace_id = ?`).run(workspaceId);
      this.db
        .prepare(
          `INSERT INTO router_models (workspace_id, version, revision, embedder_id, active, example_count, trained_at, train_ms, report_json, model_blob)
           VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?)`,
        )
        .run(workspaceId, version, info.revision, info.embedderId, info.exampleCount, info.trainedAt, info.trainMs, JSON.stringify(info.report), blob);
      this.db.prepare(`DELETE FROM router_models WHERE workspace_id = ? AND version <= ?`).run(workspaceId, version - 3);
    })();
    return version;
  }

  saveRouting(workspaceId: string, messageId: string, conversationId: string, routing: RoutingResult, now: number): void {
    this.db
      .prepare(
        `INSERT INTO message_routing (message_id, conversation_id, intent, confidence, out_of_scope, sentiment_score, sentiment_label, model_version, result_json, created_at)
         SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM conversations WHERE id = ? AND workspace_id = ?)
         ON CONFLICT (message_id) DO UPDATE SET intent = excluded.intent, confidence = excluded.confidence, out_of_scope = excluded.out_of_scope,
           sentiment_score = excluded.sentiment_score, sentiment_label = excluded.sentiment_label, model_version = excluded.model_version,
           result_json = excluded.result_json, created_at = excluded.created_at`,
      )
      .run(
        messageId, conversationId, routing.intent, routing.confidence, routing.outOfScope ? 1 : 0, routing.sentiment.score,
        routing.sentiment.label, routing.modelVersion, JSON.stringify(routing), now, conversationId, workspaceId,
      );
  }

  routing(messageId: string): StoredRouting | null {
    const row = this.db.prepare(`SELECT * FROM message_routing WHERE message_id = ?`).get(messageId) as RoutingRow | undefined;
    return row ? toStoredRouting(row) : null;
  }

  routingsOfConversation(conversationId: string): StoredRouting[] {
    return (this.db.prepare(`SELECT * FROM message_routing WHERE conversation_id = ? ORDER BY created_at, rowid`).all(conversationId) as RoutingRow[]).map(
      toStoredRouting,
    );
  }

  /**
   * Sentiment labels of a conversation's customer messages before `beforeMessageId` (all of them when
   * null), newest first, read lazily: the caller stops at the first label it does not want.
   * A message that was never routed yields null.
   */
  *customerSentimentsBefore(conversationId: string, beforeMessageId: string | null): Generator<SentimentLabel | null> {
    const rows = this.db
      .prepare(
        `SELECT r.sentiment_label AS label FROM messages m LEFT JOIN message_routing r ON r.message_id = m.id
         WHERE m.conversation_id = ? AND m.role = 'customer'
           AND m.seq < COALESCE((SELECT seq FROM messages WHERE id = ? AND conversation_id = m.conversation_id), 9223372036854775807)
         ORDER BY m.seq DESC`,
      )
      .iterate(conversationId, beforeMessageId) as IterableIterator<{ label: SentimentLabel | null }>;
    for (const row of rows) yield row.label;
  }

  correct(messageId: string, intent: string, now: number): void {
    this.db.prepare(`UPDATE message_routing SET corrected_intent = ?, corrected_at = ? WHERE message_id = ?`).run(intent, now, messageId);
  }

  negativeStreak(conversationId: string): number {
    const row = this.db.prepare(`SELECT negative_streak FROM conversation_sentiment WHERE conversation_id = ?`).get(conversationId) as
      | { negative_streak: number }
      | undefined;
    return row?.negative_streak ?? 0;
  }

  saveSentiment(conversationId: string, streak: number, score: number, label: SentimentLabel, now: number): void {
    this.db
      .prepare(
        `INSERT INTO conversation_sentiment (conversation_id, negative_streak, last_score, last_label, updated_at)
         SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM conversations WHERE id = ?)
         ON CONFLICT (conversation_id) DO UPDATE SET negative_streak = excluded.negative_streak, last_score = excluded.last_score,
           last_label = excluded.last_label, updated_at = excluded.updated_at`,
      )
      .run(conversationId, streak, score, label, now, conversationId);
  }
}

interface ModelRow {
  version: number;
  revision: number;
  embedder_id: string;
  example_count: number;
  trained_at: number;
  train_ms: number;
  report_json: string;
  model_blob: Buffer;
}

function toModelInfo(row: ModelRow): StoredModelInfo {
  return {
    version: row.version,
    revision: row.revision,
    embedderId: row.embedder_id,
    exampleCount: row.example_count,
    trainedAt: row.trained_at,
    trainMs: row.train_ms,
    report: JSON.parse(row.report_json) as Record<string, unknown>,
  };
}

interface RoutingRow {
  message_id: string;
  conversation_id: string;
  result_json: string;
  corrected_intent: string | null;
  created_at: number;
}

function toStoredRouting(row: RoutingRow): StoredRouting {
  return {
    messageId: row.message_id,
    conversationId: row.conversation_id,
    routing: JSON.parse(row.result_json) as RoutingResult,
    correctedIntent: row.corrected_intent,
    createdAt: row.created_at,
  };
}
