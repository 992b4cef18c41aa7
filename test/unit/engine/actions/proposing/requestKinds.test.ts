import { describe, expect, it } from 'vitest';
import { cancellationReason, readRequests } from '../../../../../main/engine/actions/proposing/requestKinds.js';

const asks = (text: string): string[] => [...readRequests(text).asks].sort();

describe('what a customer asks to have done', () => {
  it('reads refunds, returns, exchanges, cancellations, address, email and password requests', () => {
    expect(asks('I want my money back for the lamp')).toEqual(['refund']);
    expect(asks('How do I send it back?')).toEqual(['return']);
    expect(asks('Can I swap the shirt for a smaller size?')).toEqual(['exchange']);
    expect(asks('Please cancel order #W1')).toEqual(['cancel']);
    expect(asks('I need to update my shipping address')).toEqual(['change_address']);
    expect(asks('I cannot log in to my account')).toEqual(['reset_password']);
    expect(asks('Please change my email to new@example.com')).toEqual(['change_email']);
    expect(asks('What is your return policy?')).toEqual([]);
  });

  it('reads a request taken back', () => {
    expect(readRequests("Actually, don't cancel it").withdraws).toEqual(new Set(['cancel']));
    expect(readRequests("Never mind, I'll keep it").withdraws).toBe('all');
    expect(readRequests("I changed my mind, please return it instead").asks).toEqual(new Set(['return']));
  });

  it('reads the cancellation reasons the policy accepts, and nothing else', () => {
    expect(cancellationReason('I ordered it by mistake')).toBe('ordered by mistake');
    expect(cancellationReason("I don't need it anymore")).toBe('no longer needed');
    expect(cancellationReason('it is too expensive')).toBeNull();
  });
});
