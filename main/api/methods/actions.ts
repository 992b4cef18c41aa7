import { z } from 'zod';
import { HOLD_CODES } from '../../engine/actions/proposing/proposalDetails.js';
import { TOOL_NAMES } from '../../engine/actions/toolSchemas.js';
import { Id } from '../schemas.js';
import { PIN_PATTERN } from '../../engine/actions/approval/pinHash.js';

/** A supervisor PIN as typed: 4 to 12 digits (anything else is refused before it is checked or counted). */
const Pin = z.string().regex(PIN_PATTERN, 'a PIN is 4 to 12 digits');
/** A supervisor's name as typed; it is normalized (NFKC, trimmed) and matched exactly by the engine. */
const SupervisorName = z.string().max(200);
/** A supervisor vouching for an approval or a change: their name and their own PIN. */
const SupervisorSignOff = z.object({ name: SupervisorName, pin: Pin }).strict();
const LockoutSchema = z.object({ supervisor: z.string().nullable(), actionId: z.string().nullable(), wrongPins: z.number().int(), lockedUntil: z.number().int() });
const Args = z.record(z.string(), z.unknown());

const Options = z.record(z.string(), z.string());

/** What a card offers the agent to decide with; money in cents (the UI shows and edits dollars). */
const ProposalSchema = z.object({
  hold: z.object({ code: z.enum(HOLD_CODES), message: z.string() }).nullable(),
  items: z.array(z.object({ item_id: z.string(), product_id: z.string(), name: z.string(), options: Options, price_cents: z.number().int(), selected: z.boolean() })).readonly(),
  newItems: z.array(z.object({ for_item_id: z.string(), item_id: z.string(), options: Options, price_cents: z.number().int(), selected: z.boolean() })).readonly(),
  paymentMethods: z.array(z.object({ id: z.string(), label: z.string(), source: z.string() })).readonly(),
  originalPaymentMethodId: z.string().nullable(),
  statedAmountCents: z.number().int().nullable(),
  reasons: z.array(z.string()).readonly(),
  notes: z.array(z.string()).readonly(),
});

const FormFieldBase = z.object({
  name: z.string(),
  label: z.string(),
  kind: z.enum(['text', 'longtext', 'email', 'dollars', 'choice', 'order', 'items', 'new_items', 'payment_method', 'address']),
  required: z.boolean(),
  options: z.array(z.string()).readonly().optional(),
});
const FormField = FormFieldBase.extend({ fields: z.array(FormFieldBase).readonly().optional() });
const ToolFormSchema = z.object({
  name: z.enum(TOOL_NAMES),
  description: z.string(),
  effect: z.enum(['reads', 'changes']),
  needsVerifiedCustomer: z.boolean(),
  fields: z.array(FormField).readonly(),
});
const ItemSchema = z.object({ item_id: z.string(), product_id: z.string(), name: z.string(), options: Options, price_cents: z.number().int() });
const ChoicesSchema = z.object({
  orders: z.array(z.object({
    order_id: z.string(), status: z.string(), paid_cents: z.number().int(), refunded_cents: z.number().int(),
    original_payment_method_id: z.string().nullable(), items: z.array(ItemSchema).readonly(),
  })).readonly(),
  paymentMethods: z.array(z.object({ id: z.string(), label: z.string(), source: z.string() })).readonly(),
  variants: z.array(z.object({ product_id: z.string(), item_id: z.string(), options: Options, price_cents: z.number().int(), available: z.boolean() })).readonly(),
});

export const ActionRecordSchema = z.object({
  id: Id,
  workspaceId: Id,
  conversationId: Id,
  tool: z.enum(TOOL_NAMES),
  args: Args,
  status: z.enum(['proposed', 'awaiting_supervisor', 'running', 'succeeded', 'failed', 'rejected']),
  effect: z.enum(['reads', 'changes']),
  approval: z.enum(['none', 'agent', 'supervisor']),
  approvalReason: z.string().nullable(),
  blockedReason: z.string().nullable(),
  secondFactorNeeded: z.boolean(),
  why: z.string(),
  changes: z.string(),
  policyNotes: z.array(z.string()).readonly(),
  idempotencyKey: z.string(),
  result: z.unknown(),
  error: z.object({ code: z.string(), message: z.string(), critical: z.boolean() }).nullable(),
  decidedBy: z.string().nullable(),
  supervisor: z.string().nullable(),
  decisionNote: z.string().nullable(),
  supervisorTicketId: z.string().nullable(),
  proposal: ProposalSchema.nullable(),
  destination: z.string().nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});

const Lookup = z.union([
  z.object({ email: z.string().trim().email().max(200) }).strict(),
  z.object({ firstName: z.string().trim().min(1).max(100), lastName: z.string().trim().min(1).max(100), zip: z.string().trim().min(3).max(12) }).strict(),
  /** A user id finds the account; confirming it also needs the zip on the account. */
  z.object({ userId: z.string().trim().min(1).max(100), zip: z.string().trim().min(3).max(12).optional() }).strict(),
]);

/** Before verification, email and zip read "(hidden until the customer is verified)" unless the lookup was made with them; `masked` names those. */
const Candidate = z.object({
  customerId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  zip: z.string(),
  masked: z.array(z.enum(['email', 'zip'])).optional(),
});

const AuditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.number().int(),
  workspaceId: z.string(),
  actor: z.string(),
  /** The supervisor who signed off, apart from the agent (actor); null on every other entry. */
  supervisor: z.string().nullable(),
  kind: z.string(),
  conversationId: z.string().nullable(),
  actionId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});

/**
 * Agent-facing methods of the action engine. Approving, editing and rejecting happen only here, with a
 * actor the transport authenticated (the signed-in agent's display name, never a field of the request):
 * nothing a customer writes reaches these methods.
 */
export const actionMethods = {
  /** Without confirmCustomerId: finds the candidate. With it: the agent confirms the match and the conversation is verified. */
  'customer.verify': {
    input: z.object({ conversationId: Id, lookup: Lookup, confirmCustomerId: z.string().min(1).max(100).optional() }).strict(),
    output: z.object({ candidate: Candidate.nullable(), verified: z.boolean() }),
  },
  /** Proposes the next tool calls (or adds one the agent picked) and runs the reads allowed now. */
  'actions.propose': {
    input: z
      .object({
        conversationId: Id,
        intent: z.string().max(60).nullable().optional(),
        call: z.object({ tool: z.string().min(1).max(60), args: Args, why: z.string().max(500).optional() }).strict().optional(),
      })
      .strict(),
    output: z.array(ActionRecordSchema),
  },
  /** Every tool the agent can run by hand, with its form built from the tool's argument schema. */
  'tools.list': {
    input: z.object({}).strict(),
    output: z.array(ToolFormSchema),
  },
  /** What this conversation's reads returned, for forms: orders with items, payment methods, product options. */
  'actions.choices': {
    input: z.object({ conversationId: Id }).strict(),
    output: ChoicesSchema,
  },
  'actions.list': {
    input: z.object({ conversationId: Id }).strict(),
    output: z.array(ActionRecordSchema),
  },
  /**
   * Approves (or runs) an action. One that needs a supervisor (approval = 'supervisor') also needs that
   * supervisor's name and PIN; without them nothing changes and the answer is E_SUPERVISOR_REQUIRED.
   */
  'actions.approve': {
    input: z.object({ actionId: Id, args: Args.optional(), supervisor: SupervisorSignOff.optional() }).strict(),
    output: ActionRecordSchema,
  },
  /** Sends an action that needs a supervisor to the Approvals screen, with a high-priority ticket. */
  'actions.requestSupervisor': {
    input: z.object({ actionId: Id }).strict(),
    output: ActionRecordSchema,
  },
  'actions.reject': {
    input: z.object({ actionId: Id, reason: z.string().trim().min(1).max(1000) }).strict(),
    output: ActionRecordSchema,
  },
  'approvals.pending': {
    input: z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict(),
    output: z.array(ActionRecordSchema),
  },
  'audit.list': {
    input: z.object({ conversationId: Id.optional(), actionId: Id.optional(), limit: z.number().int().min(1).max(5000).optional() }).strict(),
    output: z.array(AuditEntrySchema),
  },
  'audit.verify': {
    input: z.object({}).strict(),
    output: z.union([
      z.object({ ok: z.literal(true), entries: z.number().int(), lastHash: z.string() }),
      z.object({ ok: z.literal(false), entries: z.number().int(), brokenSeq: z.number().int(), reason: z.string() }),
    ]),
  },
  /** Confirms a second identity factor for the verified customer: the zip on the account, or one of their order ids. */
  'customer.confirmSecondFactor': {
    input: z.object({ conversationId: Id, proof: z.union([z.object({ zip: z.string().trim().min(3).max(12) }).strict(), z.object({ orderId: z.string().trim().min(1).max(40) }).strict()]) }).strict(),
    output: z.object({ factor: z.enum(['zip', 'order']) }),
  },
  /** Workspace security: whether a second factor is required before any action that moves money (off by default). */
  'verification.settings': {
    input: z.object({ secondFactorRequired: z.boolean().optional() }).strict(),
    output: z.object({ secondFactorRequired: z.boolean() }),
  },
  /** The signed-in agent's display name (Settings → Profile), under which every decision is recorded. */
  'profile.get': {
    input: z.object({}).strict(),
    output: z.object({ displayName: z.string() }),
  },
  'profile.update': {
    input: z.object({ displayName: z.string().max(200) }).strict(),
    output: z.object({ displayName: z.string() }),
  },
  /** Supervisors who can approve, and who or what is locked out after too many wrong PINs. */
  'supervisor.roster': {
    input: z.object({}).strict(),
    output: z.object({
      supervisors: z.array(z.object({ name: z.string(), lockedUntil: z.number().int().nullable() })),
      lockouts: z.array(LockoutSchema),
    }),
  },
  /**
   * An existing supervisor adds another (their own name and PIN vouch for it). The first supervisor is
   * created by an administrator on this machine: `tandem supervisor set NAME`, PIN from standard input.
   */
  'supervisor.add': {
    input: z.object({ name: SupervisorName, pin: Pin, sponsor: SupervisorSignOff }).strict(),
    output: z.object({ name: z.string() }),
  },
  /** A supervisor changes their own PIN; the current PIN is checked with the same lockout as approvals. */
  'supervisor.changePin': {
    input: z.object({ name: SupervisorName, currentPin: Pin, pin: Pin }).strict(),
    output: z.object({ name: z.string() }),
  },
} as const;
