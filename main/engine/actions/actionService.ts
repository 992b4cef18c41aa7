import type { Clock } from '../clock.js';
import type { ConversationService } from '../conversations/conversationService.js';
import { TandemError, isTandemError } from '../errors.js';
import type { EventBus } from '../events.js';
import { newId } from '../ids.js';
import type { Log } from '../log.js';
import { formatCents } from '../money.js';
import type { Database } from '../store/database.js';
import { ActionRepository, type ActionRow } from './actionRepository.js';
import type { ActionRecord, Decision } from './actionTypes.js';
import { ActionViews } from './actionViews.js';
import type { ApprovalAuthority, ApprovalSubject, SupervisorSignOff } from './approval/approvalAuthority.js';
import type { AuditLog } from './auditLog.js';
import { canonicalJson } from './canonicalJson.js';
import type { CommerceConnector, ToolCall } from './connector.js';
import type { CustomerVerification } from './customerVerification.js';
import { fallbackEntities } from './entityFallback.js';
import { NO_ENTITIES, type ProposalContext, type ProposalEntities } from './proposalContext.js';
import { callKey, proposeCalls, subjectOf, type ProposedCall } from './proposer.js';
import { agentCallDetails } from './proposing/agentCallDetails.js';
import { conversationChoices, conversationFacts, type ConversationChoices, type ConversationFacts } from './proposing/conversationFacts.js';
import { NO_DETAILS, parseStoredProposal } from './proposing/proposalDetails.js';
import { userIdCandidates } from './proposing/userIdMentions.js';
import type { SecondFactor } from './secondFactor.js';
import type { TicketStore } from './ticketStore.js';
import { errorOf, type ToolInvoker } from './toolInvoker.js';
import { parseToolCall, TOOLS, type ToolDefinition } from './toolRegistry.js';
import type { ToolArgs, ToolName } from './toolSchemas.js';

/** Points where a test can stop the process to prove a crash never applies a change twice. */
export type ExecutionPoint = 'intent-recorded' | 'effect-applied' | 'committed';
export interface ActionHooks {
  at?(point: ExecutionPoint, actionId: string): void;
}

export interface ActionServiceDeps {
  readonly db: Database;
  readonly workspaceId: string;
  readonly conversations: ConversationService;
  readonly connector: CommerceConnector;
  readonly invoker: ToolInvoker;
  readonly verification: CustomerVerification;
  /** Who must approve a data-changing action, and the check of a supervisor's sign-off (approvalAuthority.ts). */
  readonly authority: ApprovalAuthority;
  /** The workspace's optional second identity factor before money moves. */
  readonly secondFactor: SecondFactor;
  readonly tickets: TicketStore;
  readonly audit: AuditLog;
  readonly events: EventBus;
  readonly clock: Clock;
  readonly log: Log;
  readonly hooks?: ActionHooks;
}

export interface ProposeInput {
  readonly intent?: string | null;
  readonly entities?: ProposalEntities;
  /** The customer message being answered; when given with entities, the transcript is not read. */
  readonly latestCustomerText?: string;
}

const SYSTEM_ACTOR = 'tandem';
/** Earlier customer messages a proposal reads (items and requests named in earlier turns). */
const EARLIER_TURNS = 10;
/** Passes per message: a lookup can make eligibility proposable, then the refund; a product search, the exchange. */
const PROPOSAL_PASSES = 4;

/**
 * Proposals, approvals and execution. Reads for a verified customer run at once; anything that
 * changes data runs only from `approve`, which only the agent-facing API calls with a named actor.
 * A data-changing call records its idempotency key and its effect in one transaction (in-process
 * backends) or sends the key to the remote backend, so no click, retry or crash applies it twice.
 */
export class ActionService {
  private readonly repo: ActionRepository;
  private readonly views = new ActionViews();
  private readonly inFlight = new Set<string>();
  private readonly emails = new Map<string, string | null>();

  constructor(private readonly deps: ActionServiceDeps) {
    this.repo = new ActionRepository(deps.db);
    // A read interrupted by a crash is safe to run again; a remote change stays 'running' so its retry reuses the key.
    const reads = Object.values(TOOLS).filter((t) => t.effect === 'reads').map((t) => `'${t.name}'`).join(', ');
    deps.db.prepare(`UPDATE actions SET status = 'proposed' WHERE workspace_id = ? AND status = 'running' AND tool IN (${reads})`).run(deps.workspaceId);
  }

  list(conversationId: string): ActionRecord[] {
    this.deps.conversations.summary(conversationId);
    const verified = this.deps.verification.verifiedCustomerId(conversationId);
    return this.repo.byConversation(conversationId).map((row) => this.withNeed(row, this.views.of(row, verified)));
  }

  /** Tells the UIs that a conversation's open cards changed (e.g. a second factor was confirmed and they are no longer blocked). */
  refreshCards(conversationId: string): void {
    for (const row of this.repo.byConversation(conversationId)) if (row.status === 'proposed' || row.status === 'awaiting_supervisor') this.changed(row.id);
  }

  get(actionId: string): ActionRecord {
    const row = this.requireRow(actionId);
    return this.view(row);
  }

  /** The orders, payment methods and product options this conversation's reads returned, for the agent's forms. */
  async choices(conversationId: string): Promise<ConversationChoices> {
    const verified = this.deps.verification.verifiedCustomerId(conversationId);
    const facts = conversationFacts(this.list(conversationId), verified);
    if (facts.account || !verified || !this.deps.connector.supports('lookup_account')) return conversationChoices(facts);
    // The verified customer's payment methods, read for the form only (no card): a refund's destination
    // is picked from them even when no account lookup was proposed.
    const call: ToolCall = { workspaceId: this.deps.workspaceId, tool: 'lookup_account', args: {}, customerId: verified, idempotencyKey: newId('idem'), now: this.deps.clock.now() };
    try {
      const account = (await this.deps.invoker.run(TOOLS.lookup_account, call, conversationId)) as ConversationFacts['account'];
      return conversationChoices({ ...facts, account });
    } catch {
      return conversationChoices(facts);
    }
  }

  /** Pending approvals across conversations: data-changing proposals and refunds waiting for a supervisor. */
  pending(limit = 200): ActionRecord[] {
    return this.repo
      .open(this.deps.workspaceId, limit)
      .map((row) => this.view(row))
      .filter((a) => a.effect === 'changes' || a.status === 'awaiting_supervisor');
  }

  /** Proposes the next calls from intent + entities (or the fallback extractor) and runs the allowed reads. */
  async propose(conversationId: string, input: ProposeInput = {}): Promise<ActionRecord[]> {
    this.deps.conversations.summary(conversationId);
    const customerTexts = this.deps.conversations.get(conversationId).messages.filter((m) => m.role === 'customer').map((m) => m.content);
    const verifiedCustomerId = this.deps.verification.verifiedCustomerId(conversationId);
    const latest = input.latestCustomerText ?? customerTexts.at(-1) ?? '';
    const at = customerTexts.lastIndexOf(latest);
    const earlier = (at >= 0 ? customerTexts.slice(0, at) : customerTexts).slice(-EARLIER_TURNS).reverse();
    const entities = input.entities ?? (customerTexts.length ? fallbackEntities(customerTexts.join('\n')) : NO_ENTITIES);
    const context: ProposalContext = {
      intent: input.intent ?? null,
      entities,
      verifiedCustomerId,
      latestCustomerText: latest,
      earlierCustomerTexts: earlier,
      userIds: verifiedCustomerId ? [] : userIdCandidates(latest).filter((token) => this.deps.connector.recognizesUserId(this.deps.workspaceId, token)),
      verifiedEmail: verifiedCustomerId ? await this.emailOnFile(verifiedCustomerId) : null,
    };
    for (let pass = 0; pass < PROPOSAL_PASSES; pass += 1) {
      const calls = proposeCalls(context, this.list(conversationId));
      let changed = false;
      for (const call of calls) changed = this.upsertProposal(conversationId, call) || changed;
      if (!changed) break;
      await this.runReadyReads(conversationId);
    }
    return this.list(conversationId);
  }

  /** The verified customer's email, for a lookup of their orders; null when the backend cannot say. */
  private async emailOnFile(customerId: string): Promise<string | null> {
    const known = this.emails.get(customerId);
    if (known !== undefined) return known;
    let email: string | null = null;
    try {
      email = (await this.deps.connector.findCustomer(this.deps.workspaceId, { userId: customerId }))?.email ?? null;
    } catch (error) {
      if (!isTandemError(error)) this.deps.log.warn('email on file not available', { error: String(error) });
    }
    this.emails.set(customerId, email);
    if (this.emails.size > 1000) this.emails.delete(this.emails.keys().next().value as string);
    return email;
  }

  /**
   * A proposal about the subject of an open card the agent has not edited revises that card (the
   * customer named the items, changed the amount, or took the request back); otherwise it is added.
   */
  private upsertProposal(conversationId: string, call: ProposedCall): boolean {
    const open = call.subject === undefined
      ? undefined
      : this.repo.byConversation(conversationId).find((r) => r.status === 'proposed' && r.tool === call.tool && subjectOf(r.tool, JSON.parse(r.args_json) as Record<string, unknown>) === call.subject);
    if (!open) {
      const before = this.repo.byConversation(conversationId).length;
      this.insertProposal(conversationId, call, SYSTEM_ACTOR);
      return this.repo.byConversation(conversationId).length > before;
    }
    const stored = parseStoredProposal(open.proposal_json);
    if (!stored?.revisable) return false;
    const next = { args_json: canonicalJson(proposalArgs(call)), why: call.why, proposal_json: canonicalJson({ ...(call.details ?? NO_DETAILS), revisable: true }) };
    if (next.args_json === open.args_json && next.why === open.why && next.proposal_json === canonicalJson(stored)) return false;
    this.deps.db.transaction(() => {
      this.repo.setProposal(open.id, next, this.deps.clock.now());
      this.deps.audit.append({
        workspaceId: open.workspace_id, actor: SYSTEM_ACTOR, kind: 'action.revised', conversationId, actionId: open.id,
        data: { tool: open.tool, before: JSON.parse(open.args_json) as unknown, after: JSON.parse(next.args_json) as unknown, hold: call.details?.hold?.code ?? null },
      });
    })();
    this.changed(open.id);
    return true;
  }

  /** An action the agent adds by hand (any tool); it follows the same approval rules as proposals. */
  async proposeByAgent(conversationId: string, tool: string, args: Record<string, unknown>, actor: string, why?: string): Promise<ActionRecord> {
    this.deps.conversations.summary(conversationId);
    const parsed = parseToolCall(tool, args);
    const details = agentCallDetails(parsed.args as Record<string, unknown>, this.list(conversationId), this.deps.verification.verifiedCustomerId(conversationId));
    const row = this.insertProposal(conversationId, { tool: parsed.tool.name, args: parsed.args as Record<string, unknown>, why: why ?? `Added by ${requireActor(actor)}.`, details }, requireActor(actor));
    await this.runReadyReads(conversationId);
    return this.get(row.id);
  }

  /** Runs proposed reads that are allowed now (e.g. right after the customer was verified). */
  async runReadyReads(conversationId: string): Promise<void> {
    const verified = this.deps.verification.verifiedCustomerId(conversationId);
    for (const row of this.repo.byConversation(conversationId)) {
      const tool = TOOLS[row.tool as keyof typeof TOOLS];
      if (row.status !== 'proposed' || tool.effect !== 'reads') continue;
      if (tool.needsVerifiedCustomer && !verified) continue;
      await this.runRead(row, tool, verified, `${SYSTEM_ACTOR}:auto`).catch(() => undefined);
    }
  }

  /**
   * The agent approves (or runs) an action. One that needs a supervisor runs only with that supervisor's
   * sign-off; without one nothing changes (not even the agent's edits) and E_SUPERVISOR_REQUIRED asks for it.
   */
  async approve(actionId: string, decision: Decision): Promise<ActionRecord> {
    const actor = requireActor(decision.actor);
    let row = this.requireRow(actionId);
    // A repeated click or a retried request after success returns the recorded result: nothing runs twice.
    if (row.status === 'succeeded') return this.view(row);
    if (row.status === 'rejected' || row.status === 'failed') throw new TandemError('E_ACTION_CLOSED', `This action is ${row.status}.`);
    if (this.inFlight.has(actionId)) throw new TandemError('E_ACTION_CLOSED', 'This action is already running.');
    const tool = TOOLS[row.tool as keyof typeof TOOLS];
    // A held card runs only with the agent's own choices (the edited arguments), never as proposed.
    const hold = parseStoredProposal(row.proposal_json)?.hold ?? null;
    if (hold && decision.args === undefined) {
      this.refuse(row, actor, 'E_ACTION_HELD');
      throw new TandemError('E_ACTION_HELD', hold.message);
    }
    const args = this.editedArgs(row, tool, decision.args, actor);
    const verified = this.deps.verification.verifiedCustomerId(row.conversation_id);
    if (tool.needsVerifiedCustomer && !verified) {
      this.refuse(row, actor, 'E_ACTION_BLOCKED');
      throw new TandemError('E_ACTION_BLOCKED');
    }
    if (tool.effect === 'reads') return this.runRead(this.applyDecision(row, args, actor, hold?.code ?? null), tool, verified, actor);
    if (!this.deps.secondFactor.satisfied(tool.name, row.conversation_id, verified)) {
      this.refuse(row, actor, 'E_SECOND_FACTOR_REQUIRED');
      throw new TandemError('E_SECOND_FACTOR_REQUIRED');
    }

    const subject = this.subjectOf(row, args);
    const signOff = this.deps.authority.need(subject).level === 'supervisor'
      ? await this.deps.authority.signOff(subject, decision.supervisor, actor)
      : null;
    row = this.applyDecision(this.requireRow(actionId), args, actor, hold?.code ?? null);
    const decidedBy: DecidedBy = { agent: actor, supervisor: signOff?.supervisor ?? null };
    this.inFlight.add(actionId);
    try {
      return this.deps.invoker.runsInProcess(tool)
        ? this.executeInProcess(row, tool, args, verified, decidedBy, signOff)
        : await this.executeRemote(row, tool, args, verified, decidedBy, signOff);
    } finally {
      this.inFlight.delete(actionId);
    }
  }

  /**
   * The agent sends an action that needs a supervisor to the Approvals screen: it waits there (status
   * awaiting_supervisor) with a high-priority ticket until a supervisor approves or someone rejects it.
   */
  requestSupervisor(actionId: string, actor: string): ActionRecord {
    const who = requireActor(actor);
    let row = this.requireRow(actionId);
    if (row.status === 'awaiting_supervisor') return this.view(row);
    if (row.status !== 'proposed') throw new TandemError('E_ACTION_CLOSED', `This action is ${row.status}.`);
    const args = JSON.parse(row.args_json) as Record<string, unknown>;
    if (this.deps.authority.need(this.subjectOf(row, args)).level !== 'supervisor') {
      throw new TandemError('E_VALIDATION', 'This action needs only your own approval; approve it directly.');
    }
    row = this.ensureSupervisorTicket(row, args, this.deps.verification.verifiedCustomerId(row.conversation_id), who);
    this.deps.db.transaction(() => {
      if (!this.repo.transition(row.id, ['proposed'], 'awaiting_supervisor', { decided_by: who }, this.deps.clock.now())) {
        throw new TandemError('E_ACTION_CLOSED', 'This action was decided in the meantime.');
      }
      this.deps.audit.append({ workspaceId: row.workspace_id, actor: who, kind: 'action.supervisor_requested', conversationId: row.conversation_id, actionId: row.id, data: { tool: row.tool, args } });
    })();
    return this.changed(row.id);
  }

  reject(actionId: string, actor: string, reason: string): ActionRecord {
    const who = requireActor(actor);
    const why = reason.trim();
    if (!why) throw new TandemError('E_VALIDATION', 'Say why the action is rejected.');
    const row = this.requireRow(actionId);
    this.deps.db.transaction(() => {
      if (!this.repo.transition(actionId, ['proposed', 'awaiting_supervisor'], 'rejected', { decided_by: who, decision_note: why }, this.deps.clock.now())) {
        throw new TandemError('E_ACTION_CLOSED', `This action is ${row.status}.`);
      }
      this.deps.audit.append({ workspaceId: row.workspace_id, actor: who, kind: 'action.rejected', conversationId: row.conversation_id, actionId, data: { tool: row.tool, reason: why } });
    })();
    return this.changed(actionId);
  }

  private insertProposal(conversationId: string, call: ProposedCall, actor: string): ActionRow {
    const args = proposalArgs(call);
    const repeat = call.details?.hold?.code === 'already_refunded';
    const existing = this.repo.byConversation(conversationId).find((r) => callKey(r.tool, JSON.parse(r.args_json) as Record<string, unknown>) === callKey(call.tool, args) && r.status !== 'rejected');
    if (existing && actor === SYSTEM_ACTOR && !repeat) return existing;
    const now = this.deps.clock.now();
    const row = {
      id: newId('a'),
      workspace_id: this.deps.workspaceId,
      conversation_id: conversationId,
      tool: call.tool,
      args_json: canonicalJson(args),
      status: 'proposed' as const,
      why: call.why,
      idempotency_key: newId('idem'),
      proposal_json: call.details ? canonicalJson({ ...call.details, revisable: actor === SYSTEM_ACTOR }) : null,
      created_at: now,
    };
    this.deps.db.transaction(() => {
      this.repo.insert(row);
      this.deps.audit.append({ workspaceId: row.workspace_id, actor, kind: 'action.proposed', conversationId, actionId: row.id, data: { tool: call.tool, args, why: call.why, ...(call.details?.hold ? { hold: call.details.hold.code } : {}) } });
    })();
    return this.changedRow(row.id);
  }

  /** The arguments the agent approves: the stored ones, or their edit validated (a bad edit is refused and audited). */
  private editedArgs(row: ActionRow, tool: ToolDefinition, edited: Record<string, unknown> | undefined, actor: string): Record<string, unknown> {
    if (edited === undefined) return JSON.parse(row.args_json) as Record<string, unknown>;
    try {
      return JSON.parse(canonicalJson(parseToolCall(tool.name, edited).args)) as Record<string, unknown>;
    } catch (error) {
      this.refuse(row, actor, isTandemError(error) ? error.code : 'E_TOOL_ARGS');
      throw error;
    }
  }

  private applyEdits(row: ActionRow, args: Record<string, unknown>, actor: string): ActionRow {
    const next = canonicalJson(args);
    if (next === row.args_json) return row;
    if (row.status === 'running') throw new TandemError('E_ACTION_CLOSED', 'This action was already sent; its arguments can no longer change.');
    const stored = parseStoredProposal(row.proposal_json);
    this.deps.db.transaction(() => {
      this.repo.setArgs(row.id, next, this.deps.clock.now());
      // The agent's edit is final: a later customer message no longer revises this card.
      if (stored?.revisable) this.repo.setProposal(row.id, { args_json: next, why: row.why, proposal_json: canonicalJson({ ...stored, revisable: false }) }, this.deps.clock.now());
      this.deps.audit.append({ workspaceId: row.workspace_id, actor, kind: 'action.edited', conversationId: row.conversation_id, actionId: row.id, data: { before: JSON.parse(row.args_json) as unknown, after: args } });
    })();
    return this.requireRow(row.id);
  }

  /** The agent's decision on the card: their edits, and (on a held card, which runs only with their own choices) the hold lifted. */
  private applyDecision(row: ActionRow, args: Record<string, unknown>, actor: string, holdCode: string | null): ActionRow {
    const edited = this.applyEdits(row, args, actor);
    return holdCode ? this.liftHold(edited, actor, holdCode) : edited;
  }

  /** The agent decided on a held card (with their own arguments): the hold no longer applies. */
  private liftHold(row: ActionRow, actor: string, code: string): ActionRow {
    const stored = parseStoredProposal(row.proposal_json);
    if (!stored) return row;
    this.deps.db.transaction(() => {
      this.repo.setProposal(row.id, { args_json: row.args_json, why: row.why, proposal_json: canonicalJson({ ...stored, hold: null, revisable: false }) }, this.deps.clock.now());
      this.deps.audit.append({ workspaceId: row.workspace_id, actor, kind: 'action.hold_lifted', conversationId: row.conversation_id, actionId: row.id, data: { tool: row.tool, hold: code } });
    })();
    return this.requireRow(row.id);
  }

  private subjectOf(row: ActionRow, args: Record<string, unknown>): ApprovalSubject {
    return { workspaceId: row.workspace_id, actionId: row.id, conversationId: row.conversation_id, tool: row.tool as ToolName, args };
  }

  /** Re-checked inside the executing transaction: a refund of the same order approved meanwhile may have raised the need. */
  private assertSignedOff(row: ActionRow, args: Record<string, unknown>, signOff: SupervisorSignOff | null): void {
    if (!signOff && this.deps.authority.need(this.subjectOf(row, args)).level === 'supervisor') throw new TandemError('E_SUPERVISOR_REQUIRED');
  }

  private ensureSupervisorTicket(row: ActionRow, args: Record<string, unknown>, customerId: string | null, actor: string): ActionRow {
    if (row.supervisor_ticket_id) return row;
    const a = args as ToolArgs<'process_refund'>;
    this.deps.db.transaction(() => {
      const ticket = this.deps.tickets.open({
        workspaceId: row.workspace_id,
        conversationId: row.conversation_id,
        customerId,
        subject: `Refund approval needed: ${formatCents(a.amount_cents)} for order ${a.order_id}`,
        priority: 'high',
        summary: `${actor} asks a supervisor to approve a refund of ${formatCents(a.amount_cents)} for order ${a.order_id} (reason: ${a.reason}).`,
        createdAt: this.deps.clock.now(),
      });
      this.repo.setTicket(row.id, ticket.id, this.deps.clock.now());
      this.deps.audit.append({ workspaceId: row.workspace_id, actor, kind: 'ticket.opened', conversationId: row.conversation_id, actionId: row.id, data: { ticketId: ticket.id, subject: ticket.subject, priority: ticket.priority } });
    })();
    return this.requireRow(row.id);
  }

  private executeInProcess(row: ActionRow, tool: ToolDefinition, args: Record<string, unknown>, customerId: string | null, by: DecidedBy, signOff: SupervisorSignOff | null): ActionRecord {
    const call = this.call(row, args, customerId);
    const hooks = this.deps.hooks;
    try {
      this.deps.db.transaction(() => {
        this.assertSignedOff(row, args, signOff);
        if (!this.repo.transition(row.id, ['proposed', 'awaiting_supervisor'], 'running', { decided_by: by.agent, supervisor: by.supervisor }, call.now)) {
          throw new TandemError('E_ACTION_CLOSED', 'This action was decided in the meantime.');
        }
        if (this.repo.execution(call.idempotencyKey)) throw new TandemError('E_ACTION_CLOSED', 'This action was already executed.');
        this.repo.recordSent({ key: call.idempotencyKey, actionId: row.id, workspaceId: row.workspace_id, tool: tool.name, argsJson: row.args_json, now: call.now });
        this.deps.audit.append({ workspaceId: row.workspace_id, actor: by.agent, supervisor: by.supervisor, kind: 'action.approved', conversationId: row.conversation_id, actionId: row.id, data: { tool: tool.name, args, idempotencyKey: call.idempotencyKey } });
        hooks?.at?.('intent-recorded', row.id);
        const result = this.deps.invoker.runSync(tool, call, row.conversation_id);
        hooks?.at?.('effect-applied', row.id);
        const resultJson = canonicalJson(result);
        this.repo.recordOutcome(call.idempotencyKey, 'recorded', resultJson, this.deps.clock.now());
        this.repo.transition(row.id, ['running'], 'succeeded', { result_json: resultJson, error_code: null, error_message: null }, this.deps.clock.now());
        this.deps.audit.append({ workspaceId: row.workspace_id, actor: by.agent, supervisor: by.supervisor, kind: 'action.executed', conversationId: row.conversation_id, actionId: row.id, data: { tool: tool.name, result } });
      }).immediate();
    } catch (error) {
      if (isTandemError(error) && (error.code === 'E_ACTION_CLOSED' || error.code === 'E_SUPERVISOR_REQUIRED')) throw error;
      // The transaction rolled back: nothing changed. The action stays open with the error, for an edit or a retry.
      this.recordFailure(row, tool, by.agent, error, false);
      throw isTandemError(error) ? error : new TandemError('E_INTERNAL');
    }
    hooks?.at?.('committed', row.id);
    return this.changed(row.id);
  }

  private async executeRemote(row: ActionRow, tool: ToolDefinition, args: Record<string, unknown>, customerId: string | null, by: DecidedBy, signOff: SupervisorSignOff | null): Promise<ActionRecord> {
    const call = this.call(row, args, customerId);
    this.deps.db.transaction(() => {
      this.assertSignedOff(row, args, signOff);
      if (!this.repo.transition(row.id, ['proposed', 'awaiting_supervisor', 'running'], 'running', { decided_by: by.agent, supervisor: by.supervisor }, call.now)) {
        throw new TandemError('E_ACTION_CLOSED', 'This action was decided in the meantime.');
      }
      if (!this.repo.execution(call.idempotencyKey)) {
        this.repo.recordSent({ key: call.idempotencyKey, actionId: row.id, workspaceId: row.workspace_id, tool: tool.name, argsJson: row.args_json, now: call.now });
      }
      this.deps.audit.append({ workspaceId: row.workspace_id, actor: by.agent, supervisor: by.supervisor, kind: 'action.approved', conversationId: row.conversation_id, actionId: row.id, data: { tool: tool.name, args, idempotencyKey: call.idempotencyKey } });
    }).immediate();
    this.deps.hooks?.at?.('intent-recorded', row.id);
    let result: unknown;
    try {
      result = await this.deps.invoker.run(tool, call, row.conversation_id);
    } catch (error) {
      // Remote state is unknown after a timeout: the intent stays "sent" and a retry reuses the same key.
      this.recordFailure(row, tool, by.agent, error, true);
      throw isTandemError(error) ? error : new TandemError('E_INTERNAL');
    }
    this.deps.hooks?.at?.('effect-applied', row.id);
    this.deps.db.transaction(() => {
      const resultJson = canonicalJson(result);
      this.repo.recordOutcome(call.idempotencyKey, 'recorded', resultJson, this.deps.clock.now());
      this.repo.transition(row.id, ['running'], 'succeeded', { result_json: resultJson, error_code: null, error_message: null }, this.deps.clock.now());
      this.deps.audit.append({ workspaceId: row.workspace_id, actor: by.agent, supervisor: by.supervisor, kind: 'action.executed', conversationId: row.conversation_id, actionId: row.id, data: { tool: tool.name, result } });
    }).immediate();
    this.deps.hooks?.at?.('committed', row.id);
    return this.changed(row.id);
  }

  private async runRead(row: ActionRow, tool: ToolDefinition, customerId: string | null, actor: string): Promise<ActionRecord> {
    const args = JSON.parse(row.args_json) as Record<string, unknown>;
    if (!this.repo.transition(row.id, ['proposed'], 'running', { decided_by: actor }, this.deps.clock.now())) return this.view(this.requireRow(row.id));
    try {
      const result = await this.deps.invoker.run(tool, this.call(row, args, customerId), row.conversation_id);
      this.deps.db.transaction(() => {
        this.repo.transition(row.id, ['running'], 'succeeded', { result_json: canonicalJson(result) }, this.deps.clock.now());
        this.deps.audit.append({ workspaceId: row.workspace_id, actor, kind: 'action.executed', conversationId: row.conversation_id, actionId: row.id, data: { tool: tool.name, args } });
      })();
      return this.changed(row.id);
    } catch (error) {
      this.recordFailure(row, tool, actor, error, false, 'failed');
      throw isTandemError(error) ? error : new TandemError('E_INTERNAL');
    }
  }

  private recordFailure(row: ActionRow, tool: ToolDefinition, actor: string, error: unknown, keepRunning: boolean, status?: 'failed'): void {
    const { code, message } = errorOf(error);
    if (!isTandemError(error)) this.deps.log.error('tool failed', { tool: tool.name, error: String(error) });
    const now = this.deps.clock.now();
    this.deps.db.transaction(() => {
      const next = status ?? (keepRunning ? 'running' : row.status === 'awaiting_supervisor' ? 'awaiting_supervisor' : 'proposed');
      this.repo.transition(row.id, ['proposed', 'awaiting_supervisor', 'running'], next, { error_code: code, error_message: message }, now);
      if (keepRunning && code !== 'E_CONNECTOR_TIMEOUT') {
        // A definite answer from the backend: nothing was applied, so the key may be sent again freely.
        this.repo.recordOutcome(row.idempotency_key, 'failed', null, now);
        this.repo.transition(row.id, ['running'], row.status === 'awaiting_supervisor' ? 'awaiting_supervisor' : 'proposed', {}, now);
      }
      this.deps.audit.append({ workspaceId: row.workspace_id, actor, kind: 'action.failed', conversationId: row.conversation_id, actionId: row.id, data: { tool: tool.name, code, message } });
    })();
    this.changed(row.id);
    this.deps.events.emit({ type: 'action.toolError', conversationId: row.conversation_id, actionId: row.id, tool: tool.name, code, message, critical: tool.critical });
  }

  private refuse(row: ActionRow, actor: string, code: string): void {
    this.deps.audit.append({ workspaceId: row.workspace_id, actor, kind: 'action.refused', conversationId: row.conversation_id, actionId: row.id, data: { tool: row.tool, code } });
  }

  private call(row: ActionRow, args: Record<string, unknown>, customerId: string | null): ToolCall {
    return { workspaceId: row.workspace_id, tool: row.tool as ToolCall['tool'], args, customerId, idempotencyKey: row.idempotency_key, now: this.deps.clock.now() };
  }

  private requireRow(actionId: string): ActionRow {
    const row = this.repo.get(actionId);
    if (!row || row.workspace_id !== this.deps.workspaceId) throw new TandemError('E_NOT_FOUND', `Action ${actionId} does not exist.`);
    return row;
  }

  private view(row: ActionRow): ActionRecord {
    return this.withNeed(row, this.views.of(row, this.deps.verification.verifiedCustomerId(row.conversation_id)));
  }

  /**
   * An open data-changing card shows the approval it needs now (a refund's need depends on the order's
   * other refunds) and whether the workspace's second factor still has to be confirmed.
   */
  private withNeed(row: ActionRow, record: ActionRecord): ActionRecord {
    if (record.effect !== 'changes' || (row.status !== 'proposed' && row.status !== 'awaiting_supervisor')) return record;
    const need = this.deps.authority.need(this.subjectOf(row, record.args));
    const secondFactorNeeded = !record.blockedReason && !this.deps.secondFactor.satisfied(record.tool, row.conversation_id, this.deps.verification.verifiedCustomerId(row.conversation_id));
    if (need.level === record.approval && need.reason === record.approvalReason && secondFactorNeeded === record.secondFactorNeeded) return record;
    return {
      ...record,
      approval: need.level,
      approvalReason: need.reason,
      secondFactorNeeded,
      ...(secondFactorNeeded ? { blockedReason: 'Confirm a second factor first: the zip code on the account, or one of the customer\'s order ids.' } : {}),
    };
  }

  private changedRow(actionId: string): ActionRow {
    this.changed(actionId);
    return this.requireRow(actionId);
  }

  private changed(actionId: string): ActionRecord {
    const record = this.view(this.requireRow(actionId));
    this.deps.events.emit({ type: 'action.updated', action: record });
    return record;
  }
}

/** Who decided: the agent, and the supervisor who signed off (null when the agent's approval was enough). */
interface DecidedBy {
  readonly agent: string;
  readonly supervisor: string | null;
}

/**
 * The arguments a proposal is stored with. A held proposal may lack what the agent still has to choose
 * (the items, the new option, a reason), so it is stored as proposed and validated when the agent
 * approves it; every other proposal is validated now.
 */
function proposalArgs(call: ProposedCall): Record<string, unknown> {
  const parsed = (() => {
    try {
      return parseToolCall(call.tool, call.args).args as Record<string, unknown>;
    } catch (error) {
      if (call.details?.hold) return null;
      throw error;
    }
  })();
  return parsed ?? call.args;
}

function requireActor(actor: string): string {
  const who = actor.trim();
  if (!who) throw new TandemError('E_VALIDATION', 'Approvals and rejections need the name of the agent making them.');
  return who;
}
