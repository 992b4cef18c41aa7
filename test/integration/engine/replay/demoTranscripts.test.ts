import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine, type Engine } from '../../../../main/engine/index.js';
import { listDemoTranscripts, loadDemoTranscript } from '../../../../main/engine/replay/demoTranscripts.js';
import { replayLine, replayTranscript } from '../../../../main/engine/replay/replayTranscript.js';

const CLI = join(import.meta.dirname, '../../../../dist/main/cli/tandem.js');
const TRANSCRIPTS = join(import.meta.dirname, '../../../../main/engine/demo/data/transcripts');

let engine: Engine;
beforeAll(() => {
  // No embedder: routing falls back to words, so only triggers that do not depend on the intent are asserted here.
  engine = openEngine({ dataDir: ':memory:', seedDemo: true });
});
afterAll(async () => {
  await engine.assist.idle();
  engine.close();
});

async function triggersPerMessage(id: string): Promise<string[][]> {
  const { steps } = await replayTranscript(engine, loadDemoTranscript(id));
  return steps.map((s) => (s.assist?.flags ?? []).map((f) => f.trigger));
}

describe('demo transcripts', () => {
  it('ships the seven scenarios of the live-assist specification', () => {
    expect(listDemoTranscripts().map((t) => t.id).sort()).toEqual([
      'angry-asks-for-human',
      'billing-dispute-over-500',
      'calm-order-status',
      'going-in-circles',
      'legal-threat',
      'refund-over-100',
      'refund-under-100',
    ]);
  });

  it('verifies the customer block before the first message', async () => {
    const { conversationId } = await replayTranscript(engine, loadDemoTranscript('refund-over-100'));
    expect(engine.conversations.get(conversationId).conversation).toMatchObject({ verified: true, customerName: 'Yara Ito' });
  });

  it('flags the request for a human at the fourth message, not before', async () => {
    const flags = await triggersPerMessage('angry-asks-for-human');
    expect(flags.slice(0, 3).flat()).not.toContain('explicit_human_request');
    expect(flags[3]).toContain('explicit_human_request');
  });

  it('flags the legal threat at the message that makes it', async () => {
    const flags = await triggersPerMessage('legal-threat');
    expect(flags[0]).not.toContain('legal_compliance');
    expect(flags[2]).toContain('legal_compliance');
  });

  it('flags the billing dispute over $500 with its amount', async () => {
    const { steps } = await replayTranscript(engine, loadDemoTranscript('billing-dispute-over-500'));
    const flag = steps[0]?.assist?.flags.find((f) => f.trigger === 'billing_dispute');
    expect(flag?.evidence.amountCents).toBe(138_079);
  });

  it('refunds the two items the billing dispute names, not the whole order', async () => {
    const { steps } = await replayTranscript(engine, loadDemoTranscript('billing-dispute-over-500'));
    const first = steps[0]!.actions.find((a) => a.tool === 'process_refund');
    expect(first?.proposal?.hold?.code).toBe('choose_items');
    const last = steps[2]!.actions.find((a) => a.tool === 'process_refund');
    expect(last).toMatchObject({ status: 'proposed', args: { order_id: '#W4817420', amount_cents: 92_979, item_ids: ['4900661478', '6700049080'] }, proposal: { hold: null } });
  });

  it('tandem replay --json prints one line per message in the documented shape', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [CLI, 'replay', join(TRANSCRIPTS, 'legal-threat.json'), '--json'], {
      timeout: 180_000,
    });
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as ReturnType<typeof replayLine>);
    expect(lines.map((l) => [l['index'], l['role']])).toEqual([
      [0, 'customer'],
      [1, 'agent'],
      [2, 'customer'],
    ]);
    for (const line of lines) expect(Object.keys(line).sort()).toEqual(['actions', 'confidence', 'draft', 'flags', 'index', 'intent', 'role', 'sentiment']);
    expect(lines[1]).toMatchObject({ intent: null, confidence: null, flags: [], draft: null });
    expect(lines[0]!['actions']).toContainEqual({ tool: 'lookup_order', args: { order_id: '#W2982823' }, status: 'succeeded' });
    expect(lines[2]!['draft']).toMatchObject({ source: 'template', text: expect.stringContaining('Lei'), findings: expect.any(Array) });
    const legal = (lines[2]!['flags'] as { trigger: string; priority: string; reason: string }[]).find((f) => f.trigger === 'legal_compliance');
    expect(legal).toMatchObject({ priority: 'immediate' });
    expect(legal?.reason).toContain('lawyer');
  }, 200_000);

  it('refuses a transcript that is not one, with the problem named', async () => {
    const run = promisify(execFile)(process.execPath, [CLI, 'replay', join(TRANSCRIPTS, '..', 'demo-conversations.json')]);
    await expect(run).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/E_VALIDATION: .*messages/) });
  }, 60_000);
});
