import type { Clock } from '../../clock.js';
import { TandemError } from '../../errors.js';
import { formatCents } from '../../money.js';
import type { Database } from '../../store/database.js';
import type { AuditLog } from '../auditLog.js';
import { SUPERVISOR_REFUND_THRESHOLD_CENTS, TOOLS } from '../toolRegistry.js';
import type { ApprovalAuthority, ApprovalNeed, ApprovalSubject, SupervisorCredential, SupervisorRoster, SupervisorSignOff } from './approvalAuthority.js';
import { PIN_PATTERN, pinMatches } from './pinHash.js';
import { MAX_WRONG_PINS, PinLockout, type LockKey } from './pinLockout.js';
import { refundExposure } from './refundExposure.js';
import { confusableWith, normalizeSupervisorName } from './supervisorNames.js';
import { SupervisorProfiles } from './supervisorProfiles.js';

export interface LocalPinAuthorityDeps {
  readonly db: Database;
  readonly clock: Clock;
  readonly audit: AuditLog;
  /** What the shop itself records as refunded on an order (null when it does not know the order). */
  readonly shopRefundedCents: (workspaceId: string, orderId: string) => number | null;
  /** Tells the UIs that the roster or its lockouts changed. */
  readonly onChange?: () => void;
}

/** Who is adding a supervisor: an administrator on this machine (the CLI), or an existing supervisor with their PIN. */
export type SupervisorSponsor = { readonly kind: 'admin'; readonly actor: string } | { readonly kind: 'supervisor'; readonly name: string; readonly pin: string; readonly actor: string };

/**
 * Supervisor approval on one desktop: named supervisor profiles with a PIN each (see ApprovalAuthority
 * for the contract). Profiles are created only by an administrator (`tandem supervisor set`) or by an
 * existing supervisor; a PIN is checked for the named supervisor only, off the event loop, one check at
 * a time, and never while that supervisor or that action is locked out.
 */
export class LocalPinAuthority implements ApprovalAuthority {
  readonly profiles: SupervisorProfiles;
  private readonly lockout: PinLockout;
  /** PIN checks run one after another: parallel guesses cannot all pass the lockout check before any is counted. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: LocalPinAuthorityDeps) {
    this.profiles = new SupervisorProfiles(deps.db, deps.clock);
    this.lockout = new PinLockout(deps.db);
  }

  need(subject: ApprovalSubject): ApprovalNeed {
    const tool = TOOLS[subject.tool];
    if (tool.effect === 'reads') return { level: 'agent', reason: null };
    if (tool.approvalFor(subject.args) === 'supervisor') {
      return { level: 'supervisor', reason: `Refunds over ${formatCents(SUPERVISOR_REFUND_THRESHOLD_CENTS)} need a supervisor.` };
    }
    if (subject.tool !== 'process_refund') return { level: 'agent', reason: null };
    // Five $100 refunds of one order are a $500 refund: the threshold counts the order's history.
    const orderId = String(subject.args['order_id'] ?? '');
    const amount = Number(subject.args['amount_cents'] ?? 0);
    const exposure = refundExposure(this.deps.db, subject.workspaceId, orderId, subject.actionId, (id) => this.deps.shopRefundedCents(subject.workspaceId, id));
    const total = amount + exposure.refundedCents + exposure.pendingCents;
    if (total <= SUPERVISOR_REFUND_THRESHOLD_CENTS) return { level: 'agent', reason: null };
    const parts = [
      exposure.refundedCents > 0 ? `${formatCents(exposure.refundedCents)} already refunded` : null,
      exposure.pendingCents > 0 ? `${formatCents(exposure.pendingCents)} on its way` : null,
    ].filter(Boolean);
    return {
      level: 'supervisor',
      reason: `${formatCents(amount)} plus ${parts.join(' and ')} on order ${orderId} comes to ${formatCents(total)}, over ${formatCents(SUPERVISOR_REFUND_THRESHOLD_CENTS)}: a supervisor must approve.`,
    };
  }

  signOff(subject: ApprovalSubject, credential: SupervisorCredential | undefined, agent: string): Promise<SupervisorSignOff> {
    if (!credential) return Promise.reject(new TandemError('E_SUPERVISOR_REQUIRED'));
    return this.serial(async () => {
      const name = await this.checkPin(subject.workspaceId, credential.supervisor, credential.pin, agent, subject);
      return { supervisor: name, method: 'pin' as const };
    });
  }

  roster(workspaceId: string): SupervisorRoster {
    const now = this.deps.clock.now();
    return {
      supervisors: this.profiles.list(workspaceId).map((name) => ({ name, lockedUntil: this.lockout.state(workspaceId, { supervisor: name }, now).lockedUntil })),
      lockouts: this.lockout.active(workspaceId, now),
    };
  }

  /** Adds a supervisor: an administrator may always; otherwise an existing supervisor vouches with their own PIN. */
  addSupervisor(workspaceId: string, rawName: string, pin: string, sponsor: SupervisorSponsor): Promise<string> {
    return this.serial(async () => {
      const name = normalizeSupervisorName(rawName);
      requirePinFormat(pin);
      const existing = this.profiles.list(workspaceId);
      if (sponsor.kind === 'supervisor') {
        if (existing.length === 0) throw new TandemError('E_NO_SUPERVISOR');
        await this.checkPin(workspaceId, sponsor.name, sponsor.pin, sponsor.actor, null);
      }
      const lookalike = confusableWith(name, existing);
      if (lookalike !== null) {
        throw new TandemError('E_NAME_CONFUSABLE', lookalike === name ? `A supervisor named "${name}" already exists.` : `"${name}" looks like the existing supervisor "${lookalike}".`);
      }
      await this.profiles.save(workspaceId, name, pin);
      this.deps.audit.append({
        workspaceId, actor: sponsor.actor, kind: 'supervisor.created',
        ...(sponsor.kind === 'supervisor' ? { supervisor: normalizeSupervisorName(sponsor.name) } : {}),
        data: { name, by: sponsor.kind },
      });
      return name;
    });
  }

  /** A supervisor changes their own PIN: the current one is checked, with the same lockout as approvals. */
  changePin(workspaceId: string, rawName: string, currentPin: string, pin: string, actor: string): Promise<string> {
    return this.serial(async () => {
      requirePinFormat(pin);
      const name = await this.checkPin(workspaceId, rawName, currentPin, actor, null);
      await this.profiles.save(workspaceId, name, pin);
      this.deps.audit.append({ workspaceId, actor, supervisor: name, kind: 'supervisor.pin_changed', data: { name } });
      return name;
    });
  }

  /**
   * The administrator's step (`tandem supervisor set`, PIN from standard input): creates the profile or
   * replaces a forgotten PIN without the old one, and lifts the supervisor's lockout.
   */
  adminSetPin(workspaceId: string, rawName: string, pin: string, actor: string): Promise<{ name: string; created: boolean }> {
    return this.serial(async () => {
      const name = normalizeSupervisorName(rawName);
      requirePinFormat(pin);
      const created = this.profiles.get(workspaceId, name) === null;
      if (created) {
        const lookalike = confusableWith(name, this.profiles.list(workspaceId));
        if (lookalike !== null) throw new TandemError('E_NAME_CONFUSABLE', `"${name}" looks like the existing supervisor "${lookalike}".`);
      }
      await this.profiles.save(workspaceId, name, pin);
      this.lockout.clear(workspaceId, name, this.deps.clock.now());
      this.deps.audit.append({ workspaceId, actor, kind: created ? 'supervisor.created' : 'supervisor.pin_changed', data: { name, by: 'admin' } });
      return { name, created };
    });
  }

  adminRemove(workspaceId: string, rawName: string, actor: string): boolean {
    const name = normalizeSupervisorName(rawName);
    const removed = this.profiles.remove(workspaceId, name);
    if (removed) this.deps.audit.append({ workspaceId, actor, kind: 'supervisor.removed', data: { name, by: 'admin' } });
    return removed;
  }

  /** Checks one named supervisor's PIN (lockout first), records and audits the attempt, and returns the stored name. */
  private async checkPin(workspaceId: string, rawName: string, pin: string, agent: string, subject: ApprovalSubject | null): Promise<string> {
    const name = normalizeSupervisorName(rawName);
    const profile = this.profiles.get(workspaceId, name);
    if (!profile) {
      if (this.profiles.list(workspaceId).length === 0) throw new TandemError('E_NO_SUPERVISOR');
      throw new TandemError('E_UNKNOWN_SUPERVISOR', `There is no supervisor named "${name}".`);
    }
    const context = subject ? { conversationId: subject.conversationId, actionId: subject.actionId } : {};
    const keys: LockKey[] = [{ supervisor: name }, ...(subject ? [{ actionId: subject.actionId }] : [])];
    const now = this.deps.clock.now();
    for (const key of keys) {
      const { lockedUntil } = this.lockout.state(workspaceId, key, now);
      if (lockedUntil === null) continue;
      this.deps.audit.append({ workspaceId, actor: agent, supervisor: name, kind: 'supervisor.pin_rejected', ...context, data: { outcome: 'locked', lockedUntil } });
      const what = 'supervisor' in key ? `${name}'s approvals are` : 'This action is';
      throw new TandemError('E_PIN_LOCKED', `${what} locked after ${MAX_WRONG_PINS} wrong PINs, until ${new Date(lockedUntil).toISOString()}.`);
    }
    // A PIN that cannot be one is a wrong PIN too (it still counts), but is never hashed.
    const right = PIN_PATTERN.test(pin) && (await pinMatches(pin, profile.pinHash));
    const at = this.deps.clock.now();
    this.deps.db.transaction(() => {
      this.lockout.record(workspaceId, name, subject?.actionId ?? null, right, at);
      if (right) return;
      this.deps.audit.append({ workspaceId, actor: agent, supervisor: name, kind: 'supervisor.pin_rejected', ...context, data: { outcome: 'wrong PIN' } });
      for (const key of keys) {
        const state = this.lockout.state(workspaceId, key, at);
        if (state.lockedUntil !== null) {
          this.deps.audit.append({ workspaceId, actor: agent, supervisor: name, kind: 'supervisor.locked_out', ...context, data: { key: 'supervisor' in key ? 'supervisor' : 'action', wrongPins: state.wrongPins, lockedUntil: state.lockedUntil } });
        }
      }
    })();
    if (right) return name;
    const left = Math.min(...keys.map((key) => MAX_WRONG_PINS - this.lockout.state(workspaceId, key, at).wrongPins));
    throw new TandemError('E_BAD_PIN', left > 0 ? `Wrong PIN for ${name}; ${left} ${left === 1 ? 'try' : 'tries'} left before a lockout.` : `Wrong PIN for ${name}; approvals are now locked for a while.`);
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task).finally(() => this.deps.onChange?.());
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function requirePinFormat(pin: string): void {
  if (!PIN_PATTERN.test(pin)) throw new TandemError('E_VALIDATION', 'A supervisor PIN is 4 to 12 digits.');
}
