import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ActionRecord } from '../../../../main/engine/actions/actionTypes.js';
import { findDeliveredOrder, openDemoEngine, refundRows } from './actionsTestEngine.js';

const CHILD = fileURLToPath(new URL('./support/approveRefundChild.ts', import.meta.url));

async function prepare(dataDir: string): Promise<{ actionId: string; orderId: string }> {
  const engine = openDemoEngine(dataDir);
  try {
    const order = findDeliveredOrder(engine, 6000, 50_000);
    const conversation = engine.conversations.create({ firstMessage: `Refund $25 for ${order.orderId}` });
    engine.db.prepare(`UPDATE conversations SET customer_id = ?, verified = 1 WHERE id = ?`).run(order.customerId, conversation.id);
    const proposal: ActionRecord = await engine.actions.service.proposeByAgent(
      conversation.id, 'process_refund', { order_id: order.orderId, amount_cents: 2500, reason: 'damaged' }, 'agent:ana',
    );
    await engine.assist.idle();
    return { actionId: proposal.id, orderId: order.orderId };
  } finally {
    engine.close();
  }
}

describe('crash during a refund approval (kill -9)', () => {
  for (const point of ['intent-recorded', 'effect-applied', 'committed', 'none'] as const) {
    it(`killed at "${point}": after restart the refund happened exactly once or not at all, and the audit chain verifies`, async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'tandem-crash-'));
      try {
        const { actionId, orderId } = await prepare(dataDir);
        const child = spawnSync(process.execPath, ['--import', 'tsx', CHILD, dataDir, actionId, point], { encoding: 'utf8', timeout: 60_000 });
        if (point === 'none') expect(child.status, child.stderr).toBe(0);
        else expect(child.signal).toBe('SIGKILL');

        const engine = openDemoEngine(dataDir);
        try {
          const after = engine.actions.service.get(actionId);
          const refunds = refundRows(engine, orderId);
          const applied = point === 'committed' || point === 'none';
          expect(refunds).toHaveLength(applied ? 1 : 0);
          expect(after.status).toBe(applied ? 'succeeded' : 'proposed');
          expect(engine.actions.audit.verify().ok).toBe(true);
          // The agent approves again after the restart: still exactly one refund.
          const again = await engine.actions.service.approve(actionId, { actor: 'agent:ana' });
          expect(again.status).toBe('succeeded');
          expect(refundRows(engine, orderId)).toHaveLength(1);
          expect(engine.actions.audit.verify().ok).toBe(true);
        } finally {
          engine.close();
        }
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  }
});
