/**
 * A postal address written in a message ("my new address is 101 Highway, Apt 4, New York, NY 10001").
 * US-style only, because the tools take US fields; what cannot be read is left out and named, so the
 * card asks the agent for it instead of guessing.
 */
export interface AddressMention {
  readonly address1: string;
  readonly address2: string;
  readonly city: string | null;
  readonly state: string | null;
  readonly country: string;
  readonly zip: string | null;
  readonly missing: readonly ('city' | 'state' | 'zip')[];
}

const STATE_NAMES: Record<string, string> = {
  alabama: 'AL', alaska: 'AK', arizona: 'AZ', arkansas: 'AR', california: 'CA', colorado: 'CO', connecticut: 'CT', delaware: 'DE',
  florida: 'FL', georgia: 'GA', hawaii: 'HI', idaho: 'ID', illinois: 'IL', indiana: 'IN', iowa: 'IA', kansas: 'KS', kentucky: 'KY',
  louisiana: 'LA', maine: 'ME', maryland: 'MD', massachusetts: 'MA', michigan: 'MI', minnesota: 'MN', mississippi: 'MS', missouri: 'MO',
  montana: 'MT', nebraska: 'NE', nevada: 'NV', 'new hampshire': 'NH', 'new jersey': 'NJ', 'new mexico': 'NM', 'new york': 'NY',
  'north carolina': 'NC', 'north dakota': 'ND', ohio: 'OH', oklahoma: 'OK', oregon: 'OR', pennsylvania: 'PA', 'rhode island': 'RI',
  'south carolina': 'SC', 'south dakota': 'SD', tennessee: 'TN', texas: 'TX', utah: 'UT', vermont: 'VT', virginia: 'VA', washington: 'WA',
  'west virginia': 'WV', wisconsin: 'WI', wyoming: 'WY', 'district of columbia': 'DC',
};
const STATE_CODES = new Set(Object.values(STATE_NAMES));
const STREET_START = /\b\d{1,6}\s+[A-Za-z][A-Za-z0-9 .'-]{1,60}/;
const UNIT = /^(?:apt|apartment|suite|ste|unit|floor|fl|room|rm|#)\b/i;
const ZIP = /\b(\d{5})(?:-\d{4})?\b/;

/** A state at the end of a segment: a two-letter code ("Houston TX"), or a full name when no code is written. */
function stateOf(segment: string, namesAllowed: boolean): { state: string; rest: string } | null {
  const words = segment.trim();
  const code = /(?:^|\s)([A-Z]{2})$/.exec(words);
  if (code && STATE_CODES.has(code[1]!)) return { state: code[1]!, rest: words.slice(0, code.index).trim() };
  if (!namesAllowed) return null;
  const lower = words.toLowerCase();
  for (const [name, abbreviation] of Object.entries(STATE_NAMES)) {
    if (lower === name || lower.endsWith(` ${name}`)) return { state: abbreviation, rest: words.slice(0, words.length - name.length).trim() };
  }
  return null;
}

export function mentionedAddress(text: string): AddressMention | null {
  const start = STREET_START.exec(text);
  if (!start) return null;
  // The address runs to its zip, else to the end of its sentence (a line break or a full stop).
  const rest = text.slice(start.index);
  const zipAt = ZIP.exec(rest.slice(start[0].length));
  const tail = zipAt ? rest.slice(0, start[0].length + zipAt.index + zipAt[0].length) : rest.split(/\n|[.!?](?:\s|$)/)[0]!;
  const segments = tail.split(',').map((s) => s.trim()).filter(Boolean);
  const address1 = segments.shift()!.replace(/\s+/g, ' ');
  let address2 = '';
  if (segments[0] && UNIT.test(segments[0])) address2 = segments.shift()!;
  let zip: string | null = null;
  let state: string | null = null;
  let city: string | null = null;
  // "New York, NY 10001": with a code written, "New York" is the city, not the state.
  const codeWritten = segments.some((segment) => stateOf(segment.replace(ZIP, '').trim(), false) !== null);
  const parts: string[] = [];
  for (const segment of segments) {
    let left = segment;
    const z = ZIP.exec(left);
    if (z) {
      zip = z[1]!;
      left = left.replace(z[0], '').trim();
    }
    const found: { state: string; rest: string } | null = left !== '' && state === null ? stateOf(left, !codeWritten) : null;
    if (found) {
      state = found.state;
      left = found.rest;
    }
    if (left && !/^(?:usa|us|united states(?: of america)?)$/i.test(left)) parts.push(left);
  }
  city = parts[0] ?? null;
  if (city && !/^[A-Za-z][A-Za-z .'-]{1,60}$/.test(city)) city = null;
  const missing = (['city', 'state', 'zip'] as const).filter((k) => ({ city, state, zip })[k] === null);
  return { address1, address2, city, state, country: 'USA', zip, missing };
}
