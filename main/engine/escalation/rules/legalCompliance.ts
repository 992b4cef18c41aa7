import { findPhrase, flag, phrasePattern, type Rule } from './rule.js';

/** Legal or regulatory language goes to a human at once: the wrong word from an assistant costs too much. */
export const LEGAL_PATTERNS: readonly RegExp[] = [
  /\b(?:lawyers?|attorneys?|solicitors?|legal\s+(?:action|counsel|team|department|proceedings?)|law\s*suits?|litigation|class[-\s]action)\b/i,
  /\b(?:sue|suing|sued|take\s+you\s+to\s+court|small[-\s]claims(?:\s+court)?|court\s+order|subpoena)\b/i,
  /\b(?:gdpr|ccpa|cpra|data\s+(?:subject|access)\s+request|dsar|right\s+to\s+(?:be\s+forgotten|erasure)|delete\s+all\s+my\s+(?:personal\s+)?data)\b/i,
  /\b(?:charge\s*backs?|dispute\s+(?:the|this)\s+charge\s+with\s+my\s+bank|file\s+a\s+dispute\s+with\s+my\s+(?:bank|card))\b/i,
  /\b(?:regulators?|ombudsman|attorney\s+general|ftc|cfpb|better\s+business\s+bureau|bbb|consumer\s+protection|trading\s+standards)\b/i,
  /\b(?:discriminat\w*|harass\w*|racis[tm]\w*|sexis[tm]\w*)\b/i,
];

export const legalCompliance: Rule = (input, config) => {
  const hit = findPhrase(input.customerMessages, [...LEGAL_PATTERNS, ...config.extraLegalTerms.map(phrasePattern)]);
  if (!hit) return null;
  return flag('legal_compliance', config, `Legal or compliance mention: “${hit.text.trim()}”.`, {
    messageId: hit.message.id,
    messageSeq: hit.message.seq,
    span: { start: hit.start, end: hit.end, text: hit.text },
  });
};
