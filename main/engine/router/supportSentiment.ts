/**
 * How support messages differ from the reviews and posts a general sentiment lexicon was built on.
 * Each rule is a kind of message a support agent reads every day, measured on labelled support
 * messages (test/fixtures/support-sentiment.json, `tandem eval sentiment`):
 *
 *  - Commerce words carry no feeling here: "gift card", "credit card", "I'd like to return", "please",
 *    "yes", "no, the other order" scored as praise or complaint in a general lexicon.
 *  - Threats (a lawyer, a chargeback, a review "everywhere") are calm words with a hostile meaning.
 *  - Sarcasm: praise words wrapped around a failure ("Great, the replacement is broken too").
 *  - Shouting: a message in capitals is anger, whatever its words score.
 *  - Failures, defects and repeated asking carry no sentiment word but read as dissatisfaction.
 */

/** Phrases whose lexicon valence is wrong in support, replaced before scoring (case kept where it matters). */
const NEUTRAL_PHRASES: readonly [RegExp, string][] = [
  [/\b(gift|credit|debit)[\s-]?cards?\b/gi, 'card'],
  [/\bgifts?\b/gi, 'item'],
  [/\b(order|tracking|phone|card|account|item|confirmation) (?:number|no\.?)\b/gi, '$1 id'],
  [/\b(?:i'?d|i would|would) like\b|\bwant(?:s|ed)?\b/gi, 'need'],
  [/\bcancel(?:l?ed|l?ing|lation)?\b/gi, 'end'],
  [/\b(?:ordered (?:it |this |them )?)?by (?:mistake|accident)\b/gi, ''],
  [/\b(?:please|pls|kindly)\b/gi, ''],
  [/\b(?:good (?:morning|afternoon|evening)|hello|hi there)\b/gi, 'hi'],
  [/\b(?:no|not a) (?:problem|worries)\b/gi, 'fine'],
  [/^\s*(?:yes|yeah|yep|sure|okay|ok|no|nope)\b[,.!]?/i, ''],
  [/\b(?:payment methods? (?:do you )?accept|accept(?:ed)? payment)\b/gi, 'payment methods'],
  [/\bsorry (?:to bother you|for the trouble|to ask again)\b/gi, ''],
  [/\bno rush\b/gi, ''],
  [/\bhelp(?: me)? with\b/gi, 'with'],
];

export function neutralizeSupportPhrases(text: string): string {
  return NEUTRAL_PHRASES.reduce((t, [pattern, replacement]) => t.replace(pattern, replacement), text);
}

/** Legal, financial or public pressure. */
const THREATS: readonly RegExp[] = [
  /\b(?:my |a |an |our )?(?:lawyer|attorney|solicitor|legal team)\b/i,
  /\b(?:sue|suing|lawsuit|small claims|see you in court|take (?:you|this) to court|legal action)\b/i,
  /\b(?:charge ?back|dispute (?:the|this) (?:charge|payment|transaction)|reverse (?:the|this|my) (?:charge|payment)|call(?:ing)? my bank|let my bank)\b/i,
  /\b(?:better business bureau|bbb|ftc|attorney general|consumer protection|trading standards|the press|go(?:ing)? to the media)\b/i,
  /\b(?:one[- ]star|1[- ]star|bad review|review sites?|trustpilot|yelp)\b/i,
  /\b(?:post(?:ing)?|share|sharing|tweet(?:ing)?|put(?:ting)?) (?:this|it|about this)\b.{0,40}\b(?:everywhere|online|twitter|facebook|instagram|tiktok|reddit|social media|review)/i,
  /\b(?:going|goes) (?:on|to) (?:twitter|facebook|instagram|tiktok|reddit|social media)\b/i,
  /\b(?:tell(?:ing)?|warn(?:ing)?|make sure) (?:all my|everyone|everybody|all of my|my) (?:friends|followers|neighbou?rs?|family|network|group)?\b.{0,40}\b(?:avoid|about|how you|never)\b/i,
  /\bwarns? everyone\b|\bso (?:nobody|no one) else gets\b/i,
];

/** Failures, defects and waiting that need no sentiment word to be a complaint. */
const FAILURES: readonly RegExp[] = [
  /\b(?:broken|broke|damaged|cracked|cracks|scratch(?:ed|es)|dented|leak(?:s|ing|ed)?|ruined|soaked|defective|faulty|dead pixels?|fell apart|falling apart|in (?:\w+ )?pieces|torn|stained|smells? like|burning)\b/i,
  /\b(?:wrong (?:item|size|colou?r|order|address|amount|one)|someone else'?s (?:order|package)|missing (?:keys|parts|screws|items?)|half the \w+ (?:are|is) missing|was empty)\b/i,
  /\b(?:doesn'?t|does not|didn'?t|won'?t|can'?t|cannot|isn'?t|not) (?:work(?:ing)?|answer(?:ed)?|help(?:ed)?|fixed|arrived?)\b|\bstopped working\b|\bnever (?:called|answered|replied|arrived|came|showed)\b/i,
  /\b(?:still (?:not|no|waiting|haven'?t|hasn'?t|pending|processing)|(?:second|third|fourth|fifth) time|already (?:told|asked|explained|gave)|(?:two|three|four|five|several|many|\d+) (?:times|emails|calls)|again\b.{0,30}\b(?:wrong|broken|logged|sent)|twice\b)/i,
  /\b(?:never|still (?:haven'?t|have not|not)) (?:got|get|received|receive|arrived|heard)\b|\bstill waiting\b|\bmissing item\b|\barrived (?:late|damaged|broken)\b/i,
  /\b(?:charged (?:me )?twice|double charged|overcharged|scam(?:med)?|rip-?off|ripped off|short-?changed)\b/i,
  /\b(?:ignored|going nowhere|nightmare|waste of (?:my )?(?:time|money)|expected (?:much )?better|never again|done with|losing patience|fed up|had enough|vanished|disappeared|on hold for)\b/i,
  /\b(?:let me|i want to|can i) (?:talk|speak) to (?:a |your )?(?:manager|supervisor|human|real person|someone real)\b|\b(?:a|the) real person\b|\bnot (?:a|the|your) bot\b|\bdeal with a bot\b/i,
  /\b(?:for|in|after|over) (?:over )?(?:\d+|two|three|four|five|six|ten|a|an) (?:more )?(?:days|weeks|months|hours|week|month|hour)\b.{0,40}\b(?:still|nothing|no (?:one|reply|answer|update)|not)\b|\b(?:\d+|two|three|four|five|ten) (?:days|weeks|months) for\b/i,
];

/** Openers that are praise or surprise; sarcastic only when the message reports a failure. */
const SARCASM_OPENERS: readonly RegExp[] = [
  /^\s*(?:oh|wow|yeah|sure|well)\b/i,
  /^\s*(?:great|fantastic|brilliant|perfect|awesome|cool|wonderful|lovely|nice|amazing|just lovely|what a treat)\b[,.!]/i,
];

/** Turns of phrase that wrap a complaint in praise whatever else the message says. */
const SARCASM_MARKERS: readonly RegExp[] = [
  /^\s*(?:oh|yeah),? (?:great|good|wonderful|perfect|sure|joy|because)\b/i,
  /\b(?:just what i needed|thanks for nothing|so much fun|totally unexpected|what a surprise|shocking|heard that (?:one )?before|very reassuring|no rush at all|nice to know|love how|really impressive how|great job)\b/i,
  // Scare quotes around a status or a promise: 'delivered', 'new', "processing".
  /['"‘“](?:new|delivered|processing|shipped|on (?:its|the) way|five to seven business days|\w+ business days)['"’”]/i,
];

const POSITIVE_SURFACE = /\b(?:great|good|wonderful|perfect|brilliant|fantastic|awesome|amazing|cool|nice|lovely|love|thanks|thank you|appreciate|impressive|treat|fun|reassuring)\b/i;
const CONTRAST = /\b(?:but|however|although|though)\b/i;

export interface SupportCues {
  readonly threat: boolean;
  readonly failure: boolean;
  readonly sarcasm: boolean;
  readonly shouting: boolean;
  readonly emphasis: boolean;
}

export function readSupportCues(text: string): SupportCues {
  const threat = THREATS.some((p) => p.test(text));
  const failure = FAILURES.some((p) => p.test(text));
  const marked = SARCASM_MARKERS.some((p) => p.test(text));
  const opener = SARCASM_OPENERS.some((p) => p.test(text));
  // A sarcastic turn of phrase, or praise around a failure without a "but" that makes it an honest mixed message.
  const sarcasm = marked || ((opener || POSITIVE_SURFACE.test(text)) && failure && !CONTRAST.test(text));
  const letters = text.replace(/[^A-Za-z]/g, '');
  const upper = letters.replace(/[^A-Z]/g, '').length;
  const words = text.split(/\s+/).filter((w) => /[A-Za-z]/.test(w)).length;
  const shouting = letters.length >= 8 && words >= 3 && upper / letters.length >= 0.7;
  // One or two shouted words in an ordinary sentence ("The box was EMPTY"); short all-letter acronyms aside.
  const emphasis = !shouting && (text.match(/\b[A-Z]{4,}\b/g) ?? []).filter((w) => !/^(?:USPS|FEDEX|HTTP|HTML|JSON|ASAP)$/.test(w)).length > 0;
  return { threat, failure, sarcasm, shouting, emphasis };
}
