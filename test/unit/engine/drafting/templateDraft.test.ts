import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { templateDraft } from '../../../../main/engine/drafting/templateDraft.js';
import type { DraftContext } from '../../../../main/engine/drafting/types.js';
import { gateInputFor, type LabelledDrafts } from '../../../../main/engine/quality/gateEvaluation.js';
import { runQualityGate } from '../../../../main/engine/quality/qualityGate.js';

const set = JSON.parse(readFileSync(new URL('../../../fixtures/quality-drafts.json', import.meta.url), 'utf8')) as LabelledDrafts;
const scenario = (name: string) => set.scenarios[name]!;

describe('template drafts without a model', () => {
  it('write order status and tracking from the lookup, citing it, and quote the top evidence as [1]', () => {
    const draft = templateDraft({ ...scenario('order_delivered').context, customerMessage: 'When will my order ship?' });
    expect(draft.text).toContain('Hi Noah,');
    expect(draft.text).toContain('Your order #W7678072 has been delivered [2].');
    expect(draft.text).toContain('Its tracking number is 357962501027 [2].');
    expect(draft.text).toContain('"Orders ship within 2 business days." [1]');
    expect(draft.citations).toEqual([
      { marker: 1, kind: 'evidence', citationId: 'kb-ship-1', title: 'Shipping policy', section: 'Delivery' },
      { marker: 2, kind: 'tool', tool: 'lookup_order', title: 'Order lookup' },
    ]);
  });

  it('use the seed\'s refund messages for processed and for supervisor-approval refunds', () => {
    expect(templateDraft(scenario('refund_processed').context).text).toContain('Done! Your refund of $45.99 has been processed and is back on your original payment method [2].');
    const awaiting = templateDraft(scenario('refund_awaiting_supervisor').context).text;
    expect(awaiting).toContain('Your refund of $240.00 has been submitted for approval');
    expect(awaiting).toContain('ticket TK-1042');
  });

  it('offer an eligible refund with the verified amount and disclose AI on the first reply', () => {
    const text = templateDraft(scenario('refund_eligible').context).text;
    expect(text).toContain('eligible for a refund of up to $89.50');
    expect(text).toContain('AI assistant');
  });

  it('ask for verification instead of giving order details to an unverified customer', () => {
    const text = templateDraft(scenario('unverified').context).text;
    expect(text).toMatch(/confirm the email address on your account/);
    expect(text).not.toMatch(/#W\d/);
  });

  it('explain a refused refund with the policy reason, apologising only once per conversation', () => {
    const context: DraftContext = {
      intent: 'refund_request',
      toolResults: [{ tool: 'check_refund_eligibility', ok: true, result: { order_id: '#W1', eligible: false, explanation: 'Order #W1 is still pending: cancel it instead of refunding.', refundable_cents: 0 } }],
      evidence: [],
      aiDisclosure: false,
      apologizedAlready: true,
    };
    const text = templateDraft(context).text;
    expect(text).toContain('cannot be refunded under our policy: Order #W1 is still pending');
    expect(text).not.toMatch(/sorry/i);
  });

  it('pass the quality gate for every scenario of the labelled set', () => {
    for (const [name, s] of Object.entries(set.scenarios)) {
      const draft = templateDraft(s.context);
      const report = runQualityGate(gateInputFor(s, draft.text));
      expect(report.findings, `${name}: ${draft.text}`).toEqual([]);
    }
  });
});

describe('template draft evidence line', () => {
  it('names a section once when the chunk title already ends with it', () => {
    const draft = templateDraft({
      intent: 'refund_request',
      toolResults: [],
      evidence: [{ citationId: 'chunk:1', title: 'Retail policy: Return delivered order', section: 'Return delivered order', text: 'The refund must go to the original payment method or an existing gift card.' }],
      aiDisclosure: false,
      apologizedAlready: true,
      customerMessage: 'refund to my original payment method',
    });
    expect(draft.text).toContain('From our Retail policy: Return delivered order: "The refund must go');
    expect(draft.text).not.toContain('(Return delivered order)');
  });
});
