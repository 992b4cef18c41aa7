/**
 * The details that prove who a customer is (policy: the email alone, or first name + last name + zip).
 * Until a conversation is verified, an account lookup must not show them: an agent who can read the zip
 * off the screen can read it out, and a caller who only knows a name then "verifies" with it. So before
 * verification a lookup shows a secret only when the lookup was made with it (the customer said it, so it
 * reveals nothing); every other secret reads HIDDEN_UNTIL_VERIFIED and is named in `masked`. Names are
 * not secrets: the customer gives them, and the agent needs them to confirm the match.
 */
export const VERIFICATION_SECRETS = ['email', 'zip'] as const;
export type VerificationSecret = (typeof VERIFICATION_SECRETS)[number];

export const HIDDEN_UNTIL_VERIFIED = '(hidden until the customer is verified)';

/** The secrets a lookup was made with, as the customer gave them. */
export type GivenSecrets = Partial<Record<VerificationSecret, unknown>>;

const same = (given: unknown, stored: unknown): boolean =>
  typeof given === 'string' && typeof stored === 'string' && given.trim().toLowerCase() === stored.trim().toLowerCase();

/**
 * A copy of an identity record with each verification secret the customer did not give replaced by
 * HIDDEN_UNTIL_VERIFIED, and `masked` listing those fields (absent when nothing was hidden).
 */
export function maskVerificationSecrets<T extends Record<string, unknown>>(record: T, given: GivenSecrets): T & { masked?: VerificationSecret[] } {
  const out: Record<string, unknown> = { ...record };
  const masked: VerificationSecret[] = [];
  for (const field of VERIFICATION_SECRETS) {
    if (!(field in record) || same(given[field], record[field])) continue;
    out[field] = HIDDEN_UNTIL_VERIFIED;
    masked.push(field);
  }
  if (masked.length > 0) out['masked'] = masked;
  return out as T & { masked?: VerificationSecret[] };
}

/**
 * A stored lookup_account result as the agent (and anything drafted for them) may see it now: whole once
 * the conversation is verified as that very customer, and with the secrets masked otherwise, including a
 * lookup of someone the conversation was not verified as.
 */
export function accountLookupForView(result: unknown, args: Record<string, unknown>, verifiedCustomerId: string | null): unknown {
  if (result === null || typeof result !== 'object' || Array.isArray(result)) return result;
  const record = result as Record<string, unknown>;
  if (verifiedCustomerId !== null && record['customer_id'] === verifiedCustomerId) return { ...record, verified: true };
  return maskVerificationSecrets(record, { email: args['email'], zip: args['zip'] });
}
