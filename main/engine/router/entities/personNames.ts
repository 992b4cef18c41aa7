import type { Entity } from '../types.js';
import { entityAt, groupSpan } from './span.js';

/**
 * Names the customer gives for themselves: "I'm Yusuf Rossi", "my name is …", "this is …", "name's …".
 * Only capitalised words after such a cue count, and a list of ordinary words that people capitalise
 * ("I'm Very upset", "This is Not ok") stops the match.
 */
const NAME_WORD = String.raw`\p{Lu}[\p{Ll}'’-]+`;
const CUES = new RegExp(
  // Case-sensitive on purpose (a lower-case word is not a name); the cues spell out both cases.
  String.raw`\b(?:[Ii]'?m|[Ii] am|[Mm]y name is|[Mm]y name's|[Nn]ame is|[Nn]ame's|[Tt]his is|[Ii]t's|[Ii]t is|[Cc]all me)\s+(${NAME_WORD}(?:\s+${NAME_WORD}){0,2})`,
  'gud',
);
const NOT_NAMES = new Set(
  'very so really not just still trying looking having getting writing calling contacting here back sorry glad happy upset angry frustrated disappointed confused worried sure afraid about the a an in on at from with waiting ready done fine good ok okay new unable interested hoping going please thanks thank hi hello hey yes no regarding following re order refund account product monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday ridiculous unacceptable'.split(
    ' ',
  ),
);

export function findPersonNames(message: string): Entity[] {
  const found: Entity[] = [];
  for (const m of message.matchAll(CUES)) {
    const span = groupSpan(m, 1);
    if (!span) continue;
    // Keep the leading run of words that are not ordinary words.
    let end = span[0];
    let kept = 0;
    for (const word of m[1]!.matchAll(/\S+/g)) {
      if (NOT_NAMES.has(word[0].toLowerCase())) break;
      end = span[0] + word.index + word[0].length;
      kept++;
    }
    if (kept === 0) continue;
    found.push(entityAt(message, 'person_name', span[0], end, message.slice(span[0], end).replace(/\s+/g, ' ')));
  }
  return found;
}
