import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { redactedText, redactFreeText } from '../../../../main/engine/dataSafety/auditRedaction.js';

describe('audit redaction', () => {
  it('replaces free text at any depth with its length and SHA-256, and keeps structured fields', () => {
    const reason = 'My parcel arrived crushed, my daughter cried';
    const data = { tool: 'process_refund', args: { order_id: '#W1', amount_cents: 4500, reason }, edits: [{ query: 'where is it' }], findings: [{ kind: 'unsupported_amount', text: '$500.00' }] };
    const out = redactFreeText(data);
    expect(out.tool).toBe('process_refund');
    expect(out.args.order_id).toBe('#W1');
    expect(out.args.amount_cents).toBe(4500);
    expect(out.args.reason).toBe(`[text removed from the audit log: ${reason.length} chars, sha256 ${createHash('sha256').update(reason).digest('hex')}]`);
    expect(out.edits[0]!.query).toBe(redactedText('where is it'));
    expect(out.findings[0]).toEqual({ kind: 'unsupported_amount', text: '$500.00' });
    expect(JSON.stringify(out)).not.toContain('crushed');
    expect(data.args.reason).toBe(reason); // the caller's object is not modified
  });

  it('leaves a non-string value under a free-text key alone (an enum list, a number)', () => {
    expect(redactFreeText({ reason: null, summary: 3 })).toEqual({ reason: null, summary: 3 });
  });
});
