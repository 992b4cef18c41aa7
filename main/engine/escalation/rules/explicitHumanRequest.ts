import { findPhrase, flag, phrasePattern, type Rule } from './rule.js';

/**
 * "Can I talk to a real person", "agent please", "representative": asking for a human is honoured at
 * once, however it is phrased. Patterns need a request word near a human word, so "the delivery person
 * left it outside" does not fire.
 */
const HUMAN = String.raw`(?:human(?:\s+being)?|real\s+person|live\s+(?:agent|person|chat)|person|people|someone|somebody|agent|representative|rep|operator|supervisor|manager|staff(?:\s+member)?|associate)`;
const REQUEST = String.raw`(?:talk|speak|chat|connect|transfer|put|escalate|get|need|want|give|let|forward|pass|hand)`;

export const HUMAN_REQUEST_PATTERNS: readonly RegExp[] = [
  new RegExp(String.raw`\b${REQUEST}\b[^.?!]{0,40}?\b(?:to|with|through\s+to|me\s+to|me\s+with)?\s*(?:a|an|the|your|some|real|actual|live)?\s*(?:real\s+|actual\s+|live\s+)?${HUMAN}\b`, 'i'),
  /\b(?:agent|representative|human|operator|person)\s*,?\s*(?:please|pls|plz|now)\b/i,
  /^\s*(?:agent|representative|human|operator|real person|live agent)\s*[.!?]*\s*$/i,
  /\b(?:are\s+you|is\s+this)\s+(?:a\s+)?(?:bot|robot|machine|ai)\b[^.?!]*\b(?:human|person|someone)\b/i,
  /\bnot\s+(?:a|another|this)\s+(?:bot|robot|machine|chatbot)\b/i,
  /\b(?:stop|quit)\s+(?:the\s+)?(?:bot|robot|automated)\b/i,
];

// Phrases that contain a human word without asking for one.
const NOT_A_REQUEST = /\b(?:delivery|mail|postal|sales)\s*(?:person|man|agent)\b|\bperson(?:al|ally|alized)\b/i;

export const explicitHumanRequest: Rule = (input, config) => {
  const patterns = [...HUMAN_REQUEST_PATTERNS, ...config.extraHumanRequestPhrases.map(phrasePattern)];
  // Blank out "delivery person" and the like (same length, so spans stay exact) before matching.
  const masked = input.customerMessages.map((m) => ({ ...m, content: m.content.replace(new RegExp(NOT_A_REQUEST, 'gi'), (w) => ' '.repeat(w.length)) }));
  const hit = findPhrase(masked, patterns);
  if (!hit) return null;
  const original = input.customerMessages.find((m) => m.id === hit.message.id)!;
  const text = original.content.slice(hit.start, hit.end);
  return flag('explicit_human_request', config, `The customer asked for a human: “${text.trim()}”.`, {
    messageId: original.id,
    messageSeq: original.seq,
    span: { start: hit.start, end: hit.end, text },
  });
};
