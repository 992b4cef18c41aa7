import { describe, expect, it } from 'vitest';
import { mentionedAddress } from '../../../../../main/engine/actions/proposing/addressMentions.js';
import { userIdCandidates } from '../../../../../main/engine/actions/proposing/userIdMentions.js';

describe('user id candidates', () => {
  it('offers id-shaped words and cued words, never emails or order numbers', () => {
    expect(userIdCandidates("I'm user noah_ito_3850, zip 98187")).toEqual(['noah_ito_3850']);
    expect(userIdCandidates('my username is sunnyday and my order is #W1234567')).toEqual(['sunnyday']);
    expect(userIdCandidates('email me at ann.lee7@example.com about W1234567')).toEqual([]);
  });
});

describe('addresses in a message', () => {
  it('reads street, unit, city, state and zip, and names what is missing', () => {
    expect(mentionedAddress('Please change my address to 101 Highway, Apt 4, New York, NY 10001.')).toEqual({
      address1: '101 Highway', address2: 'Apt 4', city: 'New York', state: 'NY', country: 'USA', zip: '10001', missing: [],
    });
    expect(mentionedAddress('my new address is 445 Maple Drive, Suite 394, Fort Worth, Texas, 76165')).toMatchObject({ city: 'Fort Worth', state: 'TX', zip: '76165' });
    expect(mentionedAddress('I moved to 55 Pine Street')?.missing).toEqual(['city', 'state', 'zip']);
    expect(mentionedAddress('I moved last week')).toBeNull();
  });
});
