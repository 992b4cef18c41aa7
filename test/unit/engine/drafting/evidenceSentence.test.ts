import { describe, expect, it } from 'vitest';
import { bestEvidenceSentence, isQuotable, sentencesOf } from '../../../../main/engine/drafting/evidenceSentence.js';
import { templateDraft } from '../../../../main/engine/drafting/templateDraft.js';
import type { DraftEvidence } from '../../../../main/engine/drafting/types.js';

const chunk = (text: string, section = '', title = 'Store policy'): DraftEvidence => ({ citationId: 'chunk:1', title, section, text });

describe('sentences of a policy chunk', () => {
  it('drops markdown headings, list intros and bullet fragments, and keeps list items that are whole sentences', () => {
    const text = [
      '## Returns',
      '',
      'You can send back:',
      '',
      '- unworn clothing with its tags',
      '- **sealed** electronics',
      '* Opened software cannot be returned once its licence key has been shown.',
      '',
      'Returns are accepted within 30 days of delivery.',
    ].join('\n');
    expect(sentencesOf(text)).toEqual(['Opened software cannot be returned once its licence key has been shown.', 'Returns are accepted within 30 days of delivery.']);
  });

  it('never runs list items into the sentence before or after them', () => {
    const text = 'We ship to:\n1. the mainland United States\n2) Canada\nShipping to Alaska and Hawaii takes two extra business days.';
    expect(sentencesOf(text)).toEqual(['Shipping to Alaska and Hawaii takes two extra business days.']);
  });

  it('drops a heading without markup that runs into its paragraph (text from a PDF or web page)', () => {
    const text = 'Damaged items\nIf a parcel arrives damaged, send us a photo within 14 days and we will replace the item.';
    expect(sentencesOf(text)).toEqual(['If a parcel arrives damaged, send us a photo within 14 days and we will replace the item.']);
  });

  it('cuts the section name off when it ran into the first sentence on the same line', () => {
    const text = 'Late deliveries A delivery counts as late when it arrives more than three business days after the promised date.';
    expect(sentencesOf(text, ['Late deliveries'])).toEqual(['A delivery counts as late when it arrives more than three business days after the promised date.']);
  });

  it('leaves out sentences that open with a connective or a lowercase letter, and strips labels and inline markup', () => {
    const text = [
      'Refunds go back to the card used at checkout. However, a gift card purchase is refunded as store credit.',
      'so allow a few extra days for the bank. In particular, keep the receipt until the refund arrives.',
      'Note: **Store credit** never expires and can be used [online or in store](https://example.test/credit).',
    ].join('\n');
    expect(sentencesOf(text)).toEqual(['Refunds go back to the card used at checkout.', 'Store credit never expires and can be used online or in store.']);
  });

  it('does not split at abbreviations or initials', () => {
    const text = 'Sale items (e.g. Clearance shoes) cannot be exchanged. Orders shipped within the U.S. Arrive within a week.';
    expect(sentencesOf(text)[0]).toBe('Sale items (e.g. Clearance shoes) cannot be exchanged.');
  });

  it('judges a sentence quotable only when it stands on its own', () => {
    expect(isQuotable('Returns are accepted within 30 days of delivery.')).toBe(true);
    expect(isQuotable('returns are accepted within 30 days of delivery.')).toBe(false);
    expect(isQuotable('Otherwise the order is refunded within 5 to 7 business days.')).toBe(false);
    expect(isQuotable('Each order has the following attributes:')).toBe(false);
    expect(isQuotable('Returns are accepted within 30 days of delivery')).toBe(false);
    expect(isQuotable('Refunds are quick.')).toBe(false);
    expect(isQuotable('The refund (minus shipping is sent within a week.')).toBe(false);
  });
});

describe('the evidence sentence a template draft quotes', () => {
  it('prefers the complete sentence with the customer’s key terms, matching word forms (cancel → cancelled)', () => {
    const text = [
      '## Orders',
      'Every order gets a confirmation email with its number.',
      'An order can be cancelled free of charge until it leaves the warehouse.',
      'Once it has shipped, it has to be returned instead.',
    ].join('\n');
    expect(bestEvidenceSentence(chunk(text, 'Orders'), 'Can I still cancel my order? cancellation')).toBe(
      'An order can be cancelled free of charge until it leaves the warehouse.',
    );
  });

  it('quotes a sentence that points back ("This fee…") only when it matches better than the others', () => {
    const text = 'Express shipping costs $12 per order. This fee is waived for orders over $150.';
    expect(bestEvidenceSentence(chunk(text), 'express shipping fee')).toBe('Express shipping costs $12 per order.');
    expect(bestEvidenceSentence(chunk(text), 'is the fee waived for big orders')).toBe('This fee is waived for orders over $150.');
  });

  it('never starts the quote mid-thought after a heading, even when that sentence matches most', () => {
    const text = 'Exchange delivered order\nAn order can only be exchanged once it has been delivered. So the exchange must be requested within 30 days of delivery.';
    const quote = bestEvidenceSentence(chunk(text, 'Exchange delivered order', 'Store policy: Exchange delivered order'), 'exchange my delivered order within 30 days');
    expect(quote).toBe('An order can only be exchanged once it has been delivered.');
  });

  it('caps the length: a shorter sentence that matches as well wins, and a long one is cut at a clause with an ellipsis', () => {
    const long =
      'Refunds for orders paid by bank transfer are sent back to the account the payment came from, which can take up to ten business days depending on the bank, the country of the account, public holidays in between, and whether the bank asks for further checks.';
    expect(long.length).toBeGreaterThan(240);
    expect(bestEvidenceSentence(chunk(`${long} Refunds to a bank account take up to ten business days.`), 'refund bank account business days')).toBe(
      'Refunds to a bank account take up to ten business days.',
    );
    const cut = bestEvidenceSentence(chunk(long), 'refund bank transfer holidays checks', 160)!;
    expect(cut.length).toBeLessThanOrEqual(160);
    expect(cut).toMatch(/^Refunds for orders paid by bank transfer .*[a-z]…$/);
    expect(cut).not.toMatch(/,…$/);
  });

  it('gives no quote when the chunk has no sentence that stands on its own', () => {
    expect(bestEvidenceSentence(chunk('### Product\n\nEach product has:\n\n- an id\n- a name\n- a list of variants'), 'product variants')).toBeNull();
  });

  it('goes into the template draft as a whole sentence, without the heading or list around it', () => {
    const draft = templateDraft({
      intent: 'refund_request',
      toolResults: [],
      evidence: [
        chunk(
          '## Refund timing\n\nRefunds are paid:\n\n- to the original card\n- or as store credit\n\nA refund to the original card appears within 5 to 7 business days.',
          'Refund timing',
          'Store policy: Refund timing',
        ),
      ],
      aiDisclosure: false,
      apologizedAlready: true,
      customerMessage: 'When will my refund show up on my card?',
    });
    expect(draft.text).toContain('From our Store policy: Refund timing: "A refund to the original card appears within 5 to 7 business days." [1]');
  });
});
