/**
 * Tokens a customer may have given as their account id or username ("I'm user noah_ito_3850"). Only
 * candidates: the commerce backend decides which of them is a user id of its own (the embedded shop
 * by looking the id up, an HTTP backend by the id pattern its connector file declares), so no id
 * shape of one data set is built in here.
 */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const TOKEN = /(?<![\p{L}\p{N}_@.#-])([\p{L}\p{N}][\p{L}\p{N}._-]{2,62}[\p{L}\p{N}])(?![\p{L}\p{N}_@-])/gu;
const CUE = /\b(?:user(?:name)?|user ?id|account(?: id| name| number)?|customer id|login|handle|id)\s*(?:is|:|#)?\s*$/i;
const ORDER_LIKE = /^W?\d+$/i;

export function userIdCandidates(text: string): string[] {
  const scan = text.slice(0, 4000).replace(EMAIL, (email) => ' '.repeat(email.length));
  const found: string[] = [];
  for (const m of scan.matchAll(TOKEN)) {
    const token = m[1]!;
    if (ORDER_LIKE.test(token)) continue;
    const shaped = /[_\d]/.test(token) && /\p{L}/u.test(token);
    const cued = CUE.test(scan.slice(Math.max(0, m.index - 20), m.index));
    if ((shaped || cued) && !found.includes(token)) found.push(token);
    if (found.length >= 8) break;
  }
  return found;
}
