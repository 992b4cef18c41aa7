import type { EmbedPriority, Embedder } from '../../ml/embedder.js';
import type { Clock } from '../clock.js';
import type { CommerceRepository } from '../commerce/commerceRepository.js';
import type { ConversationService } from '../conversations/conversationService.js';
import { isTandemError, TandemError } from '../errors.js';
import type { EventBus } from '../events.js';
import type { Log } from '../log.js';
import type { Database } from '../store/database.js';
import { isElliptical, withHistory, HISTORY_TURNS } from './conversationContext.js';
import { DEFAULT_TAXONOMY } from './defaultTaxonomy.js';
import { CatalogueMatcher } from './entities/catalogue.js';
import { extractEntities } from './entities/extractEntities.js';
import { predictIntent, type IntentModel, type IntentPrediction } from './intentModel.js';
import { combineWithLlm, type IntentLlmAnswer, type IntentLlmFallback } from './llmFallback.js';
import { decodeIntentModel, encodeIntentModel } from './modelCodec.js';
import { RouterRepository, type StoredModelInfo } from './routerRepository.js';
import { isNegative, scoreSentiment } from './sentiment.js';
import type { TrainingWorkerRequest } from './trainingWorker.js';
import { trainInWorker } from './trainInWorker.js';
import { validateTaxonomy } from './taxonomySchema.js';
import type { LlmConsultation, RouterStatus, RoutingResult, Taxonomy, TrainingState } from './types.js';

export type { RouterStatus, TrainingState } from './types.js';

/** Without an embedder the router still works on words alone (hashed n-grams); vectors are empty. */
export const LEXICAL_ONLY_ID = 'lexical-only';

export type Trainer = (request: TrainingWorkerRequest, onProgress?: (stage: string, done: number, total: number) => void) => Promise<IntentModel>;

export interface RouterServiceOptions {
  readonly workspaceId: string;
  readonly db: Database;
  readonly embedder: Embedder | null;
  readonly commerce: CommerceRepository;
  readonly conversations: ConversationService;
  readonly events: EventBus;
  readonly clock: Clock;
  readonly log: Log;
  readonly llm?: IntentLlmFallback | null;
  /** Defaults to a worker thread; tests may train in-process. */
  readonly trainer?: Trainer;
}


export interface ClassifyOptions {
  readonly conversationId?: string;
  /** Earlier customer turns, oldest first; read from the conversation when omitted. */
  readonly history?: readonly string[];
  readonly excludeMessageId?: string;
}

/**
 * Layer 1 of the pipeline: intent (calibrated, with out-of-scope), entities and sentiment for one
 * customer message; the per-workspace taxonomy; retraining in a worker; corrections as examples.
 * Customer text is only ever data here: nothing in it can pick an intent except through the model.
 */
export class RouterService {
  private readonly repository: RouterRepository;
  private model: { model: IntentModel; info: StoredModelInfo } | null = null;
  private training: Promise<void> | null = null;
  private retrainQueued = false;
  private state: TrainingState = 'idle';
  private lastError: string | null = null;
  private readonly vectorCache = new Map<string, Float32Array>();
  private catalogue: { matcher: CatalogueMatcher; at: number } | null = null;

  private initialised = false;

  constructor(private readonly options: RouterServiceOptions) {
    this.repository = new RouterRepository(options.db);
  }

  /** Seeds the default taxonomy on first use and loads the stored model; cheap after the first call. */
  private init(): void {
    if (this.initialised) return;
    const options = this.options;
    if (!this.repository.getTaxonomy(options.workspaceId)) {
      options.db.transaction(() =>
        this.repository.saveTaxonomy(options.workspaceId, DEFAULT_TAXONOMY, {
          now: options.clock.now(),
          learnFromCorrections: false,
          defaultSource: 'builtin',
        }),
      )();
    }
    this.loadActiveModel();
    this.initialised = true;
  }

  private get embedderId(): string {
    return this.options.embedder?.id ?? LEXICAL_ONLY_ID;
  }

  status(): RouterStatus {
    const taxonomy = this.requireTaxonomy();

    const info = this.model?.info ?? null;
    return {
      modelVersion: info?.version ?? null,
      modelRevision: info?.revision ?? null,
      taxonomyRevision: taxonomy.revision,
      training: this.state,
      stale: !info || info.revision < taxonomy.revision,
      embedderId: this.embedderId,
      exampleCount: info?.exampleCount ?? null,
      trainedAt: info?.trainedAt ?? null,
      trainMs: info?.trainMs ?? null,
      lastError: this.lastError,
      report: info?.report ?? null,
    };
  }

  taxonomy(): { taxonomy: Taxonomy; revision: number; learnFromCorrections: boolean } {
    const { taxonomy, revision, learnFromCorrections } = this.requireTaxonomy();
    return { taxonomy, revision, learnFromCorrections };
  }

  /**
   * Saves an edited taxonomy and retrains in the background. An invalid edit (an intent without
   * examples, duplicate names…) is refused with E_TAXONOMY_INVALID and changes nothing.
   */
  updateTaxonomy(input: {
    taxonomy: unknown;
    renames?: Record<string, string>;
    learnFromCorrections?: boolean;
  }): { taxonomy: Taxonomy; revision: number; learnFromCorrections: boolean } {
    const taxonomy = validateTaxonomy(input.taxonomy);
    const current = this.requireTaxonomy();
    const renames = new Map(Object.entries(input.renames ?? {}));
    for (const [from, to] of renames) {
      if (!current.taxonomy.intents.some((i) => i.name === from) || !taxonomy.intents.some((i) => i.name === to)) {
        throw new TandemError('E_TAXONOMY_INVALID', `The rename "${from}" → "${to}" does not match the intents before and after the edit.`);
      }
    }
    this.options.db.transaction(() =>
      this.repository.saveTaxonomy(this.options.workspaceId, taxonomy, {
        now: this.options.clock.now(),
        learnFromCorrections: input.learnFromCorrections ?? current.learnFromCorrections,
        defaultSource: 'workspace',
        renames,
      }),
    )();
    void this.retrain().catch(() => undefined);
    return this.taxonomy();
  }

  /** Trains on the current taxonomy. Concurrent calls share one run, and an edit during a run queues one more. */
  retrain(): Promise<void> {
    if (this.training) {
      this.retrainQueued = true;
      return this.training;
    }
    const run = this.trainOnce().finally(() => {
      this.training = null;
      if (this.retrainQueued) {
        this.retrainQueued = false;
        void this.retrain().catch(() => undefined);
      }
    });
    this.training = run;
    return run;
  }

  /** Resolves once a model for the current embedder exists (training one if needed). */
  async ready(): Promise<void> {
    this.init();
    if (this.model) return;
    if (this.training) await this.training.catch(() => undefined);
    if (!this.model) await this.retrain();
  }

  async classify(text: string, options: ClassifyOptions = {}): Promise<RoutingResult> {
    const history = options.history ?? (options.conversationId ? this.customerHistory(options.conversationId, options.excludeMessageId) : []);
    const streakBefore = options.conversationId ? this.streakBefore(options.conversationId, options.excludeMessageId) : 0;
    const sentimentScore = scoreSentiment(text);
    const sentiment = { ...sentimentScore, negativeStreak: isNegative(sentimentScore.label) ? streakBefore + 1 : 0 };
    const entities = extractEntities(text, this.catalogueMatcher());
    const { taxonomy } = this.requireTaxonomy();
    const fallback = taxonomy.fallbackIntent;
    const thresholdOf = (intent: string): number => taxonomy.intents.find((i) => i.name === intent)?.escalationThreshold ?? 1;

    if (text.trim() === '' || !/[\p{L}\p{N}]/u.test(text)) {
      // Nothing to classify (empty, whitespace, emoji or punctuation only): a sound, explicit fallback.
      return {
        intent: fallback, confidence: 0, runnerUp: null, outOfScope: true, entities, sentiment, usedHistory: false,
        threshold: thresholdOf(fallback), belowThreshold: true, modelVersion: this.model?.info.version ?? null, source: 'empty',
      };
    }
    await this.ready();
    const active = this.model!;
    const elliptical = history.length > 0 && isElliptical(text);
    // An elliptical message is classified with and without its history: both texts go to the
    // embedder in one request rather than one after the other.
    if (elliptical) await this.embed([text, withHistory(text, history.slice(-HISTORY_TURNS))]);
    let prediction = await this.predict(active.model, text);
    let usedHistory = false;
    if (elliptical) {
      // "yes", "the second one": classify with the last turns too, and keep whichever reading is more
      // decisive (an in-scope reading beats an out-of-scope one).
      const contextual = await this.predict(active.model, withHistory(text, history.slice(-HISTORY_TURNS)));
      const better = prediction.outOfScope !== contextual.outOfScope ? !contextual.outOfScope : contextual.maxProbability > prediction.maxProbability;
      if (better) {
        prediction = contextual;
        usedHistory = true;
      }
    }

    let probabilities = new Map(prediction.ranked.map((r) => [r.intent, r.probability]));
    let source: RoutingResult['source'] = 'classifier';
    const top = prediction.ranked[0]!;
    let llm: LlmConsultation | undefined;
    const fallbackModel = this.options.llm;
    if (fallbackModel && fallbackModel.available?.() !== false && (prediction.outOfScope || top.probability < thresholdOf(top.intent))) {
      const started = Date.now();
      const consulted = await fallbackModel
        .classify({ text, history, intents: taxonomy.intents.map((i) => ({ name: i.name, description: i.description })) })
        .then((answer) => ({ answer, error: null }), (error: unknown) => ({ answer: null, error }));
      const combined = combineWithLlm(probabilities, consulted.answer);
      if (combined.used) {
        probabilities = combined.probabilities;
        source = 'classifier+llm';
      }
      llm = consultation(consulted.answer, consulted.error, combined.used, Date.now() - started);
    }
    const ranked = [...probabilities.entries()].sort((a, b) => b[1] - a[1]);
    const [bestIntent, bestP] = ranked[0]!;
    const outOfScope = bestIntent === fallback || (prediction.outOfScope && source === 'classifier');
    // Out of scope: the fallback intent, with the model's own probability for it as confidence.
    const intent = outOfScope ? fallback : bestIntent;
    const confidence = clamp01(outOfScope ? (probabilities.get(fallback) ?? 0) : bestP);
    const runner = ranked.find(([name]) => name !== intent) ?? null;
    const threshold = thresholdOf(intent);
    return {
      intent,
      confidence: round(confidence),
      runnerUp: runner ? { intent: runner[0], confidence: round(clamp01(runner[1])) } : null,
      outOfScope,
      entities,
      sentiment,
      usedHistory,
      threshold,
      belowThreshold: confidence < threshold,
      modelVersion: active.info.version,
      source,
      ...(llm ? { llm } : {}),
    };
  }

  /**
   * For an elliptical message, starts the embedding `classify` will ask for (the message and its
   * reading with the last turns) in one request, so the second reading does not wait for a model call
   * of its own. Any other message needs only its own embedding, which retrieval already asks for.
   * Failures surface in `classify`, not here.
   */
  prefetch(text: string, history: readonly string[]): void {
    if (!this.options.embedder || !this.model || history.length === 0 || !isElliptical(text)) return;
    this.embed([text, withHistory(text, history.slice(-HISTORY_TURNS))]).catch(() => undefined);
  }

  /** Classifies a stored customer message and keeps the result (intent history, escalation, UI). */
  async route(request: { conversationId: string; messageId: string; text: string; history?: readonly string[] }): Promise<RoutingResult> {
    const routing = await this.classify(request.text, {
      conversationId: request.conversationId,
      excludeMessageId: request.messageId,
      ...(request.history ? { history: request.history } : {}),
    });
    const now = this.options.clock.now();
    this.options.db.transaction(() => {
      this.repository.saveRouting(this.options.workspaceId, request.messageId, request.conversationId, routing, now);
      this.repository.saveSentiment(request.conversationId, routing.sentiment.negativeStreak, routing.sentiment.score, routing.sentiment.label, now);
    })();
    return routing;
  }

  routingOf(messageId: string): { routing: RoutingResult; correctedIntent: string | null } | null {
    this.init();
    const stored = this.repository.routing(messageId);
    return stored ? { routing: stored.routing, correctedIntent: stored.correctedIntent } : null;
  }

  /** Intent and sentiment history of a conversation, oldest first. */
  history(conversationId: string): { messageId: string; intent: string; confidence: number; correctedIntent: string | null; sentiment: RoutingResult['sentiment'] }[] {
    this.init();
    this.options.conversations.summary(conversationId);
    return this.repository.routingsOfConversation(conversationId).map((r) => ({
      messageId: r.messageId,
      intent: r.routing.intent,
      confidence: r.routing.confidence,
      correctedIntent: r.correctedIntent,
      sentiment: r.routing.sentiment,
    }));
  }

  /**
   * The agent's correction. Always recorded on the message; added as a labelled example (and a
   * retrain started) only when the workspace allows learning from corrections.
   */
  correct(messageId: string, intent: string): { messageId: string; intent: string; learned: boolean } {
    const { taxonomy, learnFromCorrections } = this.requireTaxonomy();
    if (!taxonomy.intents.some((i) => i.name === intent)) {
      throw new TandemError('E_VALIDATION', `"${intent}" is not an intent of this workspace.`);
    }
    const message = this.options.db
      .prepare(
        `SELECT m.id, m.content, m.role FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.id = ? AND c.workspace_id = ?`,
      )
      .get(messageId, this.options.workspaceId) as { id: string; content: string; role: string } | undefined;
    if (!message) throw new TandemError('E_NOT_FOUND', `Message ${messageId} does not exist.`);
    if (message.role !== 'customer') throw new TandemError('E_VALIDATION', 'Only customer messages have an intent to correct.');
    const now = this.options.clock.now();
    let learned = false;
    this.options.db.transaction(() => {
      this.repository.correct(messageId, intent, now);
      const text = message.content.replace(/\s+/g, ' ').trim().slice(0, 500);
      if (learnFromCorrections && text) learned = this.repository.addExample(this.options.workspaceId, intent, text, 'correction', messageId, now);
    })();
    if (learned) void this.retrain().catch(() => undefined);
    return { messageId, intent, learned };
  }

  private async trainOnce(): Promise<void> {
    const stored = this.requireTaxonomy();
    const texts: string[] = [];
    const labels: string[] = [];
    for (const intent of stored.taxonomy.intents) {
      for (const example of intent.examples) {
        texts.push(example);
        labels.push(intent.name);
      }
    }
    this.state = 'training';
    const taskId = `router-train-${stored.revision}`;
    const progress = (label: string, done: number, total: number, finished = false): void =>
      this.options.events.emit({ type: 'progress', taskId, kind: 'router.train', label, done, total, finished });
    const started = Date.now();
    try {
      progress('Embedding examples', 0, 1);
      const vectors = await this.embed(texts, 'bulk');
      const trainer: Trainer = this.options.trainer ?? ((request, onProgress) => trainInWorker(request, onProgress ? { onProgress } : {}));
      const model = await trainer(
        { texts, vectors, labels, fallbackLabel: stored.taxonomy.fallbackIntent, embedderId: this.embedderId },
        (stage, done, total) => progress(stage === 'calibrating' ? 'Calibrating' : 'Training', done, total),
      );
      const trainMs = Date.now() - started;
      const info = {
        revision: stored.revision,
        embedderId: this.embedderId,
        exampleCount: texts.length,
        trainedAt: this.options.clock.now(),
        trainMs,
        report: { ...model.calibration, temperature: model.temperature, thresholds: model.thresholds, intents: model.labels.length },
      };
      const version = this.repository.activateModel(this.options.workspaceId, info, encodeIntentModel(model));
      this.model = { model, info: { ...info, version } };
      this.state = 'idle';
      this.lastError = null;
      progress('Model ready', 1, 1, true);
      this.options.events.emit({ type: 'router.retrained', workspaceId: this.options.workspaceId, ok: true, modelVersion: version, message: null });
      this.options.log.info('intent model trained', { version, examples: texts.length, trainMs });
    } catch (error) {
      this.state = 'failed';
      this.lastError = (error as Error).message;
      // The engine closed mid-training (its embedder is closed right after): expected, nothing to report.
      if (!this.options.db.open) throw new TandemError('E_ROUTER_TRAINING', 'The workspace closed before the intent model was trained.');
      progress('Training failed', 1, 1, true);
      this.options.events.emit({
        type: 'router.retrained',
        workspaceId: this.options.workspaceId,
        ok: false,
        modelVersion: this.model?.info.version ?? null,
        message: this.lastError,
      });
      this.options.log.warn('intent model training failed; the previous model stays active', { error: this.lastError });
      throw new TandemError('E_ROUTER_TRAINING', `${this.lastError}.`);
    }
  }

  private async predict(model: IntentModel, text: string): Promise<IntentPrediction> {
    const [vector] = await this.embed([text]);
    return predictIntent(model, text, vector!);
  }

  /** Training examples are embedded as bulk work, so a customer message never waits behind them. */
  private async embed(texts: readonly string[], priority: EmbedPriority = 'interactive'): Promise<Float32Array[]> {
    const embedder = this.options.embedder;
    if (!embedder) return texts.map(() => new Float32Array(0));
    const missing = [...new Set(texts.filter((t) => !this.vectorCache.has(t)))];
    if (missing.length > 0) {
      const vectors = await embedder.embed(missing, { priority });
      if (vectors.length !== missing.length) throw new Error(`The embedder returned ${vectors.length} vectors for ${missing.length} texts`);
      missing.forEach((t, i) => this.remember(t, vectors[i]!));
    }
    return texts.map((t) => this.vectorCache.get(t)!);
  }

  private remember(text: string, vector: Float32Array): void {
    // Training examples stay cached for retrains; customer messages rotate out.
    if (this.vectorCache.size > 5000) this.vectorCache.delete(this.vectorCache.keys().next().value!);
    this.vectorCache.set(text, vector);
  }

  private loadActiveModel(): void {
    const stored = this.repository.activeModel(this.options.workspaceId);
    if (!stored || stored.embedderId !== this.embedderId) return;
    try {
      const { blob, ...info } = stored;
      this.model = { model: decodeIntentModel(blob), info };
    } catch (error) {
      this.options.log.warn('stored intent model unreadable; it will be retrained', { error: (error as Error).message });
    }
  }

  private requireTaxonomy(): NonNullable<ReturnType<RouterRepository['getTaxonomy']>> {
    this.init();
    const stored = this.repository.getTaxonomy(this.options.workspaceId);
    if (!stored) throw new TandemError('E_NOT_FOUND', 'This workspace has no intent taxonomy.');
    return stored;
  }

  private customerHistory(conversationId: string, excludeMessageId?: string): string[] {
    const { messages } = this.options.conversations.get(conversationId);
    const cut = excludeMessageId ? messages.findIndex((m) => m.id === excludeMessageId) : -1;
    const before = cut >= 0 ? messages.slice(0, cut) : messages;
    return before.filter((m) => m.role === 'customer').map((m) => m.content).slice(-HISTORY_TURNS);
  }

  /** Consecutive negative customer messages just before this one (in message order, not routing order). */
  private streakBefore(conversationId: string, excludeMessageId?: string): number {
    // Walks back from the newest earlier customer message and stops at the first that is not negative,
    // so a long conversation costs no more than its current streak.
    let streak = 0;
    for (const label of this.repository.customerSentimentsBefore(conversationId, excludeMessageId ?? null)) {
      if (!label || !isNegative(label)) break;
      streak++;
    }
    return streak;
  }

  private catalogueMatcher(): CatalogueMatcher {
    // The catalogue changes rarely; rebuild the matcher at most once a minute.
    const now = this.options.clock.now();
    if (!this.catalogue || now - this.catalogue.at > 60_000) {
      this.catalogue = { matcher: new CatalogueMatcher(this.options.commerce.listProducts(this.options.workspaceId)), at: now };
    }
    return this.catalogue.matcher;
  }
}

/** What the UI shows about the model's part: its answer when it was combined, otherwise why not. */
function consultation(answer: IntentLlmAnswer | null, error: unknown, used: boolean, ms: number): LlmConsultation {
  if (used && answer) return { outcome: 'combined', intent: answer.intent, confidence: round(answer.confidence), ms, reason: null };
  const heard = { intent: answer?.intent ?? null, confidence: answer && Number.isFinite(answer.confidence) ? answer.confidence : null, ms };
  if (isTandemError(error) && error.code === 'E_MODEL_TIMEOUT') return { ...heard, outcome: 'timeout', reason: `The local model did not answer in time (${error.message}); the classifier's result stands.` };
  if (isTandemError(error) && error.code === 'E_MODEL_BAD_JSON') return { ...heard, outcome: 'invalid', reason: `${error.message} The classifier's result stands.` };
  if (error) return { ...heard, outcome: 'failed', reason: `The local model could not classify (${error instanceof Error ? error.message : String(error)}); the classifier's result stands.` };
  return { ...heard, outcome: 'invalid', reason: answer ? 'The local model named an intent outside the taxonomy or an impossible confidence; the classifier\'s result stands.' : 'The local model gave no answer; the classifier\'s result stands.' };
}

function clamp01(x: number): number {
  return Math.max(0, Math.min(1, x));
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
