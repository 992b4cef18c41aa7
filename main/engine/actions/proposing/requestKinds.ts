/**
 * What a customer asks to have done, read from the words of one message: a refund, a return, an
 * exchange, a cancellation, an address or email change, a password reset. Customer text only ever
 * selects which card to propose; nothing here approves or runs anything.
 */
export type RequestKind = 'refund' | 'return' | 'exchange' | 'cancel' | 'change_address' | 'change_email' | 'reset_password' | 'order_status';

const ASKS: readonly [RequestKind, RegExp][] = [
  ['refund', /\b(?:refund(?:ed|s)?|money back|reimburse(?:d|ment)?|(?:want|get|need) (?:the|my) money (?:for|from) .{1,80}? back)\b/i],
  ['return', /\b(?:return(?:ing)?|send (?:it|them|this|these|.{1,40}?) back|ship (?:it|them) back)\b(?! (?:policy|address|label|window)\b)/i],
  ['exchange', /\b(?:exchange|swap|switch (?:it|them|.{1,30}?) (?:for|to)|replace (?:it|them|.{1,30}?) with|trade (?:it|them) for|(?:in|for) a (?:different|smaller|bigger|larger) (?:size|colou?r|one))\b/i],
  ['cancel', /\bcancel(?:l?ing|l?ed|lation)?\b/i],
  ['change_address', /\b(?:(?:change|update|correct|fix|edit|wrong)\b.{0,40}\baddress|ship (?:it|them|my order) to (?:a |my )?(?:new|different|other) address|moved to)\b/i],
  ['change_email', /\b(?:change|update|correct)\b.{0,30}\bemail\b/i],
  ['reset_password', /\b(?:password|passcode|(?:can'?t|cannot|unable to|not able to) (?:log|sign) ?in|locked out|reset (?:my )?(?:login|account))\b/i],
  ['order_status', /\b(?:where(?:'s| is) (?:my|the) (?:order|package|parcel)|track(?:ing)?|(?:has|did) (?:it|my order) (?:ship|arrive)|when will .{1,30}? (?:arrive|ship|be delivered))\b/i],
];

const KIND_WORDS: Record<string, RequestKind> = {
  cancel: 'cancel', return: 'return', refund: 'refund', exchange: 'exchange', swap: 'exchange', change: 'change_address',
};
const NEGATED = /\b(?:don'?t|do not|no need to|not going to|won'?t|no longer (?:want|need) to|stop the|hold off on the|hold the)\s+(?:\w+\s+){0,2}?(cancel|return|refund|exchange|swap|change)\w*/gi;
const CHANGED_MIND = /\b(?:never ?mind|changed my mind|forget (?:it|about it|that)|scratch that|i'?ll keep (?:it|them)|keep (?:it|them) after all|don'?t bother|no longer (?:want|need) (?:it|that|this))\b/i;

export interface CustomerRequests {
  readonly asks: ReadonlySet<RequestKind>;
  /** Requests the customer takes back in these words ("don't cancel it", "never mind, I'll keep it"). */
  readonly withdraws: ReadonlySet<RequestKind> | 'all';
}

export function readRequests(text: string): CustomerRequests {
  const negated = new Set<RequestKind>();
  let stripped = text;
  for (const m of text.matchAll(NEGATED)) {
    const kind = KIND_WORDS[m[1]!.toLowerCase()];
    if (kind) negated.add(kind);
    stripped = stripped.replace(m[0], ' ');
  }
  const asks = new Set<RequestKind>();
  for (const [kind, pattern] of ASKS) if (pattern.test(stripped) && !negated.has(kind)) asks.add(kind);
  const cancelsAll = CHANGED_MIND.test(text) && asks.size === 0;
  return { asks, withdraws: cancelsAll ? 'all' : negated };
}

/** The reason a pending-order cancellation accepts, when the customer said it in words of their own. */
export function cancellationReason(text: string): 'no longer needed' | 'ordered by mistake' | null {
  if (/\b(?:by mistake|mistakenly|by accident|accidentally|ordered (?:the )?wrong|wrong (?:item|size|colou?r|one)|didn'?t mean to|double[- ]ordered|ordered (?:it )?twice)\b/i.test(text)) return 'ordered by mistake';
  if (/\b(?:no longer need|don'?t need|do not need|not needed|no longer (?:want|required)|don'?t want (?:it|them)|changed my mind|found (?:it|one) (?:cheaper|elsewhere))\b/i.test(text)) return 'no longer needed';
  return null;
}
