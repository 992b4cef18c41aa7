import type { ActionsModule } from '../actions/openActions.js';
import type { AssistPipeline } from '../assist/assistPipeline.js';
import type { Clock } from '../clock.js';
import type { CommerceRepository } from '../commerce/commerceRepository.js';
import type { ConversationService } from '../conversations/conversationService.js';
import { isTandemError, TandemError } from '../errors.js';
import type { EngineEvent, EventBus } from '../events.js';
import { newId } from '../ids.js';
import type { Log } from '../log.js';
import { applyFix as applyFixToText, runQualityGate } from '../quality/qualityGate.js';
import type { Finding, GateReport } from '../quality/types.js';
import type { Database } from '../store/database.js';
import type { WorkspaceRepository } from '../workspace/workspaceRepository.js';
import { draftInputs, type DraftInputs } from './draftInputs.js';
import type { DraftOutcome, DraftRecord } from './draftRecord.js';
import { DraftRepository } from './draftRepository.js';
import { editDistance } from './editDistance.js';
import { llmDraft } from './llmDraft.js';
import type { ModelHost } from './modelHost.js';
import { templateDraft } from './templateDraft.js';
import { toolFacts } from './toolFacts.js';
import type { DraftCitation, DraftText } from './types.js';

/** Workspace setting: say on the first reply that it was prepared with AI help (the seed: "be open that it is AI"). */
export const AI_DISCLOSURE_SETTING = 'drafting.aiDisclosure';

export interface DraftingOptions {
  /** Past this the LLM draft is abandoned and the template is used (a small model on 2 cores: ~10 s). */
  readonly llmTimeoutMs?: number;
  /** Length cap of an LLM draft: a reply of ~120 words fits. */
  readonly llmMaxTokens?: number;
  /** Coalesces bursts of assist/action events into one re-draft (tool results arrive a few at a time). */
  readonly refreshDelayMs?: number;
}

export interface DraftingDeps {
  readonly db: Database;
  readonly workspaceId: string;
  readonly companyName: string;
  readonly workspaces: WorkspaceRepository;
  readonly conversations: ConversationService;
  readonly assist: AssistPipeline;
  readonly actions: ActionsModule;
  readonly commerce: CommerceRepository;
  readonly events: EventBus;
  readonly clock: Clock;
  readonly log: Log;
  readonly models: ModelHost | null;
  readonly recordModelUsage?: (usage: { conversationId: string; model: string; promptTokens: number; completionTokens: number }) => void;
  readonly options?: DraftingOptions;
}

export interface SendDraft {
  /** What the agent is sending: the draft as is, or their edit of it. */
  readonly text: string;
  /** Send although a blocking finding is open; recorded on the draft and in the audit log. */
  readonly override?: boolean;
  readonly actor: string;
}

interface Generation {
  readonly draftId: string;
  readonly controller: AbortController;
  readonly done: Promise<DraftRecord | null>;
}

const MARKER = /\s?\[(\d+)\]/g;

/**
 * The Draft section's engine: turns the latest assist result and the conversation into a reply the
 * agent can send. Without a model (the default) it writes the grounded template at once; with one it
 * streams an LLM draft and falls back to the template on a timeout, an error or unusable output.
 * Every draft passes the quality gate before it is ready, and again on send, where a blocking
 * finding needs an explicit, recorded override. Drafts follow the facts: when an assist result or a
 * tool result changes what the reply should say, an untouched draft is replaced.
 */
export class DraftingService {
  private readonly repository: DraftRepository;
  private readonly generations = new Map<string, Generation>();
  /** What each open draft was written from, so an event that changes nothing does not re-draft. */
  private readonly fingerprints = new Map<string, string>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly unsubscribe: Array<() => void> = [];
  private closed = false;

  constructor(private readonly deps: DraftingDeps) {
    this.repository = new DraftRepository(deps.db);
    this.repository.supersedeUnfinished();
    this.unsubscribe.push(deps.events.subscribe((event) => this.onEvent(event)));
    if (deps.models) {
      this.unsubscribe.push(deps.models.onStatusChange((status) => deps.events.emit({ type: 'models.status', status })));
    }
  }

  get models(): ModelHost | null {
    return this.deps.models;
  }

  aiDisclosure(): boolean {
    return this.deps.workspaces.getSetting<boolean>(this.deps.workspaceId, AI_DISCLOSURE_SETTING) ?? true;
  }

  setAiDisclosure(on: boolean): boolean {
    this.deps.workspaces.setSetting(this.deps.workspaceId, AI_DISCLOSURE_SETTING, on, this.deps.clock.now());
    return on;
  }

  /** The latest draft of a conversation (whatever its status), or null. */
  latest(conversationId: string): DraftRecord | null {
    this.deps.conversations.summary(conversationId);
    return this.repository.latest(conversationId);
  }

  get(draftId: string): DraftRecord {
    const draft = this.repository.get(draftId);
    if (!draft) throw new TandemError('E_NOT_FOUND', `Draft ${draftId} does not exist.`);
    this.deps.conversations.summary(draft.conversationId);
    return draft;
  }

  /**
   * The open draft for the latest customer message, writing one if there is none or the facts moved
   * on. With a model loaded the returned draft may still be 'generating'; settled() awaits it. A
   * template draft written in the background is upgraded to an LLM draft when the agent asks here.
   */
  async generate(conversationId: string): Promise<DraftRecord> {
    return this.draftFor(conversationId, 'agent');
  }

  /**
   * Background re-drafts (new assist or tool results) use the model only for a conversation whose
   * open draft is already an LLM draft, i.e. one an agent has asked for: otherwise a busy inbox would
   * queue a generation per message on a model that writes one reply at a time.
   */
  private async draftFor(conversationId: string, by: 'agent' | 'background'): Promise<DraftRecord> {
    this.assertOpen();
    await this.assisted(conversationId);
    const inputs = this.inputs(conversationId);
    const current = this.repository.latest(conversationId);
    const open = current !== null && (current.status === 'ready' || current.status === 'generating');
    const modelLoaded = (this.deps.models?.model ?? null) !== null;
    const upgrade = by === 'agent' && modelLoaded && open && current.source === 'template' && current.fallbackReason === null && current.status === 'ready';
    if (open && !upgrade && current.messageId === inputs.messageId && this.fingerprints.get(current.id) === fingerprint(inputs)) {
      return current;
    }
    const useModel = by === 'agent' || (open && current.source === 'llm');
    return this.start(conversationId, inputs, current, useModel);
  }

  /** Throws the current draft away (outcome 'regenerated') and writes a new one. */
  async regenerate(conversationId: string): Promise<DraftRecord> {
    this.assertOpen();
    await this.assisted(conversationId);
    const current = this.repository.latest(conversationId);
    if (current && (current.status === 'ready' || current.status === 'generating')) {
      this.abortGeneration(conversationId);
      this.closeDraft(current, 'superseded', 'regenerated');
    }
    return this.start(conversationId, this.inputs(conversationId), null, true);
  }

  discard(draftId: string): DraftRecord {
    const draft = this.get(draftId);
    if (draft.status !== 'ready' && draft.status !== 'generating') throw new TandemError('E_DRAFT_CLOSED');
    if (this.generations.get(draft.conversationId)?.draftId === draftId) this.abortGeneration(draft.conversationId);
    return this.closeDraft(draft, 'discarded', 'discarded');
  }

  /** Stops a streaming LLM draft (the agent switched conversation); the draft is superseded. */
  abort(conversationId: string): DraftRecord | null {
    const generation = this.generations.get(conversationId);
    if (!generation) return null;
    this.abortGeneration(conversationId);
    const draft = this.repository.get(generation.draftId);
    return draft && draft.status === 'generating' ? this.closeDraft(draft, 'superseded', null) : draft;
  }

  /** Resolves when the draft is no longer generating (immediately for a template draft). */
  async settled(draftId: string): Promise<DraftRecord> {
    for (const generation of this.generations.values()) {
      if (generation.draftId === draftId) await generation.done;
    }
    return this.get(draftId);
  }

  /** The quality gate on the agent's current text, without saving anything (re-run on every edit). */
  check(draftId: string, text: string): GateReport {
    const draft = this.get(draftId);
    return this.gate(this.inputs(draft.conversationId), text);
  }

  /**
   * Applies finding `findingIndex` of the gate run on `text` (the agent's current text, which may be
   * edited) and saves the result. The fix comes from the engine's own gate, never from the client.
   */
  applyFix(draftId: string, text: string, findingIndex: number): DraftRecord {
    const draft = this.get(draftId);
    if (draft.status !== 'ready') throw new TandemError('E_DRAFT_CLOSED');
    const inputs = this.inputs(draft.conversationId);
    const before = this.gate(inputs, text);
    const finding = before.findings[findingIndex];
    if (!finding) throw new TandemError('E_VALIDATION', `There is no finding ${findingIndex} on this text any more; re-run the check.`);
    const fixed = applyFixToText(text, finding.fix);
    const after = this.gate(inputs, fixed);
    this.repository.updateText(draftId, fixed, after.findings, after.blocking);
    return this.announce(this.get(draftId));
  }

  /**
   * Sends the agent's text as an agent message with { draftId, citations } and records the outcome
   * (accepted as is / edited), the edit distance from the generated text and the time from ready to
   * sent. The gate runs on the text actually sent; a blocking finding refuses the send unless the
   * agent overrides, and an override is recorded on the draft and in the audit log.
   */
  send(draftId: string, input: SendDraft): { draft: DraftRecord; messageId: string } {
    const draft = this.get(draftId);
    if (draft.status === 'generating') throw new TandemError('E_DRAFT_CLOSED', 'This draft is still being written; wait for it or regenerate.');
    if (draft.status !== 'ready') throw new TandemError('E_DRAFT_CLOSED');
    const text = input.text.trim();
    if (!text) throw new TandemError('E_EMPTY_MESSAGE');
    const report = this.gate(this.inputs(draft.conversationId), text);
    const override = report.blocking && input.override === true;
    if (report.blocking && !override) {
      const first = report.findings.find((f) => f.severity === 'blocking')!;
      throw new TandemError('E_DRAFT_BLOCKED', `${first.message} (${report.findings.filter((f) => f.severity === 'blocking').length} blocking).`);
    }
    const now = this.deps.clock.now();
    const outcome: DraftOutcome = text === draft.originalText.trim() ? 'accepted' : 'edited';
    const used = new Set([...text.matchAll(MARKER)].map((m) => Number(m[1])));
    const citations = draft.citations.filter((c) => used.has(c.marker));
    // The customer sees the reply without the [n] markers; the message keeps what backed it.
    const customerText = text.replace(MARKER, '').replace(/[ \t]+\n/g, '\n').trim();
    const sent = this.deps.db.transaction(() => {
      const message = this.deps.conversations.send(draft.conversationId, 'agent', customerText, {
        draftId, citations, fromDraft: true, draftSource: draft.source, outcome, ...(override ? { override: true } : {}),
      });
      this.repository.markSent(draftId, {
        outcome,
        editDistance: editDistance(draft.originalText, text),
        timeToSendMs: Math.max(0, now - (draft.readyAt ?? draft.createdAt)),
        override,
        sentMessageId: message.id,
        sentAt: now,
        findings: report.findings,
        blocking: report.blocking,
      });
      if (override) {
        this.deps.actions.audit.append({
          workspaceId: this.deps.workspaceId,
          actor: input.actor,
          kind: 'draft.override',
          conversationId: draft.conversationId,
          data: { draftId, messageId: message.id, findings: report.findings.filter((f) => f.severity === 'blocking').map((f) => ({ kind: f.kind, message: f.message, text: text.slice(f.start, f.end) })) },
        });
      }
      return message;
    })();
    this.fingerprints.delete(draftId);
    return { draft: this.announce(this.get(draftId)), messageId: sent.id };
  }

  /** Stops timers and generations; called before the database closes. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const conversationId of [...this.generations.keys()]) this.abortGeneration(conversationId);
    for (const stop of this.unsubscribe) stop();
  }

  // ── internals ────────────────────────────────────────────────────────────

  /**
   * Drafts from the latest assist result as it stands: waiting for queued runs (a router still
   * training at start, a slow embedder) would hold the request open; the re-draft that follows the
   * next 'assist.updated' picks up their results. Only a conversation never assisted waits.
   */
  private async assisted(conversationId: string): Promise<void> {
    if (this.deps.assist.latest(conversationId) === null) await this.deps.assist.ensure(conversationId);
  }

  private assertOpen(): void {
    if (this.closed) throw new TandemError('E_INTERNAL', 'Drafting is closed.');
  }

  private inputs(conversationId: string): DraftInputs {
    const { conversation, messages } = this.deps.conversations.get(conversationId);
    const customerId = conversation.verified ? conversation.customerId : null;
    const customer = customerId ? this.deps.commerce.getCustomer(this.deps.workspaceId, customerId) : null;
    return draftInputs({
      companyName: this.deps.companyName,
      conversation,
      messages,
      assist: this.deps.assist.latest(conversationId),
      actions: this.deps.actions.service.list(conversationId),
      customer,
      customerOrderIds: customerId ? this.deps.commerce.orderIdsOfCustomer(this.deps.workspaceId, customerId) : [],
      aiDisclosure: this.aiDisclosure(),
    });
  }

  private gate(inputs: DraftInputs, text: string): GateReport {
    const { context } = inputs;
    return runQualityGate({
      draft: text,
      customer: inputs.customer,
      facts: toolFacts(context),
      evidenceTexts: context.evidence.map((e) => e.text),
      apologizedAlready: context.apologizedAlready,
      disclosureRequired: context.aiDisclosure && context.firstReply !== false,
    });
  }

  private start(conversationId: string, inputs: DraftInputs, replacing: DraftRecord | null, useModel: boolean): DraftRecord {
    this.abortGeneration(conversationId);
    if (replacing && (replacing.status === 'ready' || replacing.status === 'generating')) this.closeDraft(replacing, 'superseded', null);
    const model = useModel ? (this.deps.models?.model ?? null) : null;
    const now = this.deps.clock.now();
    const id = newId('d');
    this.fingerprints.set(id, fingerprint(inputs));
    if (!model) {
      const template = templateDraft(inputs.context);
      const report = this.gate(inputs, template.text);
      this.repository.insert(record(id, conversationId, inputs.messageId, template, report, now, null, null));
      return this.announce(this.get(id));
    }
    this.repository.insert({ ...record(id, conversationId, inputs.messageId, { text: '', citations: [], source: 'llm' }, { findings: [], blocking: false }, now, model.info.name, null), status: 'generating', readyAt: null });
    const controller = new AbortController();
    const done = this.streamLlm(id, conversationId, inputs, controller).catch((error: unknown) => {
      // The database closed or the conversation vanished mid-generation: nothing left to complete.
      this.deps.log.warn('LLM draft could not be completed', { conversationId, error: String(error) });
      return null;
    });
    this.generations.set(conversationId, { draftId: id, controller, done });
    void done.finally(() => {
      if (this.generations.get(conversationId)?.draftId === id) this.generations.delete(conversationId);
    });
    return this.announce(this.get(id));
  }

  private async streamLlm(id: string, conversationId: string, inputs: DraftInputs, controller: AbortController): Promise<DraftRecord | null> {
    const model = this.deps.models?.model;
    if (!model) return null;
    let seq = 0;
    let written: (DraftText & { stopReason: string; promptTokens: number; tokens: number }) | null = null;
    let failure: string | null = null;
    try {
      written = await llmDraft(model, inputs.prompt, {
        signal: controller.signal,
        maxTokens: this.deps.options?.llmMaxTokens ?? 320,
        timeoutMs: this.deps.options?.llmTimeoutMs ?? 30_000,
        onToken: (text) => {
          if (!controller.signal.aborted && !this.closed) this.deps.events.emit({ type: 'draft.tokens', conversationId, draftId: id, seq: seq++, text });
        },
      });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      failure = isTandemError(error)
        ? error.message
        : /context/i.test(detail)
          ? 'The conversation and its sources do not fit in the model’s context; the template draft is used instead. Load a model with a longer context.'
          : `The model failed (${detail}); the template draft is used instead.`;
      if (!isTandemError(error)) this.deps.log.warn('LLM draft failed', { conversationId, error: String(error) });
    }
    if (this.closed || controller.signal.aborted || written?.stopReason === 'aborted') return null;
    if (written) {
      try {
        this.deps.recordModelUsage?.({ conversationId, model: model.info.name, promptTokens: written.promptTokens, completionTokens: written.tokens });
      } catch (error) {
        this.deps.log.warn('model usage not recorded', { error: String(error) });
      }
      const usable = usableLlmText(written);
      if (usable.ok) written = { ...written, text: usable.text };
      else failure = usable.reason;
    }
    let draft: DraftText = failure || !written ? templateDraft(inputs.context) : written;
    let report = this.gate(inputs, draft.text);
    if (draft.source === 'llm' && report.findings.some((f) => f.kind === 'pii' || f.kind === 'other_customer')) {
      // A model can be talked into repeating what a customer asked for; personal data that is not the
      // verified customer's never reaches the agent's screen as a suggestion.
      failure = 'The model’s reply contained personal data that is not the verified customer’s; the template draft is used instead.';
      draft = templateDraft(inputs.context);
      report = this.gate(inputs, draft.text);
    }
    this.repository.complete(id, {
      source: draft.source,
      text: draft.text,
      citations: draft.citations,
      findings: report.findings,
      blocking: report.blocking,
      model: model.info.name,
      fallbackReason: failure,
      readyAt: this.deps.clock.now(),
    });
    return this.announce(this.get(id));
  }

  private closeDraft(draft: DraftRecord, status: 'discarded' | 'superseded', outcome: DraftOutcome | null): DraftRecord {
    this.repository.close(draft.id, status, outcome);
    this.fingerprints.delete(draft.id);
    return this.announce(this.get(draft.id));
  }

  private abortGeneration(conversationId: string): void {
    const generation = this.generations.get(conversationId);
    if (!generation) return;
    this.generations.delete(conversationId);
    generation.controller.abort();
  }

  private announce(draft: DraftRecord): DraftRecord {
    this.deps.events.emit({ type: 'draft.updated', conversationId: draft.conversationId, draft });
    return draft;
  }

  private onEvent(event: EngineEvent): void {
    if (this.closed) return;
    if (event.type === 'assist.updated') this.scheduleRefresh(event.conversationId);
    else if (event.type === 'action.updated' && ['succeeded', 'failed', 'awaiting_supervisor', 'rejected'].includes(event.action.status)) {
      this.scheduleRefresh(event.action.conversationId);
    } else if (event.type === 'conversation.deleted') {
      this.abortGeneration(event.conversationId);
    }
  }

  /** Re-drafts after new facts, unless the agent already answered or dropped the draft for this message. */
  private scheduleRefresh(conversationId: string): void {
    clearTimeout(this.timers.get(conversationId));
    const timer = setTimeout(() => {
      this.timers.delete(conversationId);
      void this.refresh(conversationId).catch((error: unknown) => {
        if (!(isTandemError(error) && error.code === 'E_NOT_FOUND')) this.deps.log.error('re-draft failed', { conversationId, error: String(error) });
      });
    }, this.deps.options?.refreshDelayMs ?? 50);
    timer.unref?.();
    this.timers.set(conversationId, timer);
  }

  private async refresh(conversationId: string): Promise<void> {
    if (this.closed) return;
    const current = this.repository.latest(conversationId);
    const inputs = this.inputs(conversationId);
    if (!inputs.messageId) return;
    if (current && current.messageId === inputs.messageId && (current.status === 'sent' || current.status === 'discarded')) return;
    await this.draftFor(conversationId, 'background');
  }
}

function record(id: string, conversationId: string, messageId: string | null, draft: DraftText, report: Pick<GateReport, 'findings' | 'blocking'>, now: number, model: string | null, fallbackReason: string | null): DraftRecord {
  return {
    id,
    conversationId,
    messageId,
    source: draft.source,
    status: 'ready',
    originalText: draft.text,
    text: draft.text,
    citations: draft.citations as DraftCitation[],
    findings: report.findings as Finding[],
    blocking: report.blocking,
    outcome: null,
    editDistance: null,
    timeToSendMs: null,
    override: false,
    sentMessageId: null,
    model,
    fallbackReason,
    createdAt: now,
    readyAt: now,
    sentAt: null,
  };
}

/** The facts a draft is written from; equal fingerprints mean a re-draft would say the same thing. */
function fingerprint(inputs: DraftInputs): string {
  const { context } = inputs;
  return JSON.stringify([inputs.messageId, context.intent, context.toolResults, context.pendingActions, context.evidence.map((e) => e.citationId), context.aiDisclosure, context.firstReply, context.apologizedAlready, inputs.customer?.firstName ?? null]);
}

/**
 * An LLM reply is used only if it says something: not empty, and when it ran into the length cap it
 * is cut back to its last whole sentence (a reply that stops mid-word must not reach a customer).
 */
export function usableLlmText(written: { text: string; stopReason: string }): { ok: true; text: string } | { ok: false; reason: string } {
  let text = written.text.trim();
  if (written.stopReason === 'maxTokens') {
    const end = Math.max(text.lastIndexOf('. '), text.lastIndexOf('! '), text.lastIndexOf('? '), /[.!?]$/.test(text) ? text.length - 1 : -1);
    if (end < 0) return { ok: false, reason: 'The model’s reply ran past the length cap without finishing a sentence; the template draft is used instead.' };
    text = text.slice(0, end + 1).trim();
  }
  if ((text.match(/[A-Za-z]{2,}/g) ?? []).length < 3) return { ok: false, reason: 'The model wrote nothing usable; the template draft is used instead.' };
  return { ok: true, text };
}
