import type { Database } from '../../store/database.js';

/** How much of an order is refunded or on its way, besides the refund being decided. */
export interface RefundExposure {
  readonly refundedCents: number;
  readonly pendingCents: number;
}

/** Order ids are written with or without their leading '#' ("#W123", "W123"). */
export const bareOrderId = (orderId: string): string => orderId.trim().replace(/^#/, '');

/**
 * The order's refund history as the supervisor threshold counts it, across every conversation of the
 * workspace: refunds already paid (the shop's own record when it has one, else the refunds Tandem ran)
 * and refunds on their way — sent to a supervisor or being executed. A proposal nobody approved yet is
 * not money on its way; the check runs again inside the approving transaction, so two approvals at the
 * same moment still see each other.
 */
export function refundExposure(
  db: Database,
  workspaceId: string,
  orderId: string,
  exceptActionId: string,
  shopRefundedCents: (orderId: string) => number | null,
): RefundExposure {
  const rows = db
    .prepare(
      `SELECT status, SUM(CAST(json_extract(args_json, '$.amount_cents') AS INTEGER)) AS cents FROM actions
       WHERE tool = 'process_refund' AND workspace_id = ? AND ltrim(json_extract(args_json, '$.order_id'), '#') = ? AND id <> ?
         AND status IN ('awaiting_supervisor', 'running', 'succeeded')
       GROUP BY status`,
    )
    .all(workspaceId, bareOrderId(orderId), exceptActionId) as { status: string; cents: number | null }[];
  const sum = (statuses: readonly string[]): number => rows.filter((r) => statuses.includes(r.status)).reduce((n, r) => n + (r.cents ?? 0), 0);
  const byTandem = sum(['succeeded']);
  return { refundedCents: Math.max(byTandem, shopRefundedCents(orderId) ?? 0), pendingCents: sum(['awaiting_supervisor', 'running']) };
}
