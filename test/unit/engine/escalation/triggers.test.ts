import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ESCALATION_CONFIG as config,
  evaluateEscalation,
  parseEscalationConfig,
  type Trigger,
} from '../../../../main/engine/escalation/index.js';
import { conversation, customer } from './builders.js';

const triggersOf = (input: Parameters<typeof evaluateEscalation>[0]): Trigger[] =>
  evaluateEscalation(input, config).map((f) => f.trigger);

describe('explicit request for a human', () => {
  it.each([
    'Can I talk to a real person?',
    'agent please',
    'Representative.',
    'I want to speak with a human',
    'please transfer me to a supervisor now',
    'Let me talk to someone who can actually help',
    'connect me with a live agent',
    'I need a manager',
  ])('fires immediately on “%s” with the matching span', (text) => {
    const flags = evaluateEscalation(conversation([customer(text)]), config);
    const flag = flags.find((f) => f.trigger === 'explicit_human_request');
    expect(flag?.priority).toBe('immediate');
    expect(flag?.evidence.span?.text.length).toBeGreaterThan(0);
    expect(text.slice(flag!.evidence.span!.start, flag!.evidence.span!.end)).toBe(flag!.evidence.span!.text);
  });

  it.each(['The delivery person left it at the wrong door', 'Where is my order #W1234567?', 'Thanks, that helps a lot'])(
    'does not fire on “%s”',
    (text) => {
      expect(triggersOf(conversation([customer(text)]))).not.toContain('explicit_human_request');
    },
  );
});

describe('negative sentiment streak', () => {
  it('does not fire on one negative message and fires on the second consecutive one', () => {
    const one = [customer('This is awful.', { sentimentLabel: 'negative', sentimentScore: -0.6 })];
    expect(triggersOf(conversation(one))).not.toContain('negative_sentiment_streak');
    const two = [...one, customer('Still terrible!', { sentimentLabel: 'angry', sentimentScore: -0.8 })];
    const flag = evaluateEscalation(conversation(two), config).find((f) => f.trigger === 'negative_sentiment_streak');
    expect(flag?.priority).toBe('high');
    expect(flag?.evidence.count).toBe(2);
  });

  it('is reset by a non-negative customer message in between', () => {
    const messages = [
      customer('Awful.', { sentimentLabel: 'negative' }),
      customer('Ok thanks.', { sentimentLabel: 'positive' }),
      customer('Awful again.', { sentimentLabel: 'negative' }),
    ];
    expect(triggersOf(conversation(messages))).not.toContain('negative_sentiment_streak');
  });
});

describe('repeated intent', () => {
  it('fires at the third message with the same intent, not the second', () => {
    const two = [customer('Where is my order?'), customer('Any news on my order?')];
    expect(triggersOf(conversation(two))).not.toContain('repeated_intent');
    const three = [...two, customer('Where is it??')];
    const flag = evaluateEscalation(conversation(three), config).find((f) => f.trigger === 'repeated_intent');
    expect(flag?.priority).toBe('high');
    expect(flag?.evidence.count).toBe(3);
  });

  it('does not count the fallback intent', () => {
    const messages = [1, 2, 3].map(() => customer('hmm', { intent: 'other', confidence: 0.95, threshold: 0.8 }));
    expect(triggersOf(conversation(messages))).not.toContain('repeated_intent');
  });
});

describe('low confidence', () => {
  it('fires below the intent threshold and not at it', () => {
    expect(triggersOf(conversation([customer('x', { confidence: 0.5, threshold: 0.5, intent: 'refund_request' })]))).not.toContain(
      'low_confidence',
    );
    const flag = evaluateEscalation(conversation([customer('x', { confidence: 0.49, threshold: 0.5, intent: 'refund_request' })]), config).find(
      (f) => f.trigger === 'low_confidence',
    );
    expect(flag?.priority).toBe('medium');
    expect(flag?.evidence.score).toBe(0.49);
  });
});

describe('tool error on a critical action', () => {
  it('fires for a failed critical tool and clears once it succeeds', () => {
    const failed = conversation([customer('refund please')], {
      toolOutcomes: [{ tool: 'process_refund', critical: true, ok: false, error: 'connector timed out', at: 1 }],
    });
    const flag = evaluateEscalation(failed, config).find((f) => f.trigger === 'tool_error');
    expect(flag?.priority).toBe('high');
    expect(flag?.evidence).toMatchObject({ tool: 'process_refund', error: 'connector timed out' });
    const recovered = conversation([customer('refund please')], {
      toolOutcomes: [...failed.toolOutcomes, { tool: 'process_refund', critical: true, ok: true, at: 2 }],
    });
    expect(triggersOf(recovered)).not.toContain('tool_error');
  });

  it('ignores failures of non-critical tools', () => {
    const input = conversation([customer('x')], { toolOutcomes: [{ tool: 'search_products', critical: false, ok: false, error: 'x', at: 1 }] });
    expect(triggersOf(input)).not.toContain('tool_error');
  });
});

describe('legal or compliance mention', () => {
  it.each(['I will contact my lawyer', 'This is going to a lawsuit', 'I am filing a GDPR request', 'I will do a chargeback', 'I am reporting you to the regulator', 'This is discrimination', 'My attorney will hear about this', 'I will sue you'])(
    'fires immediately on “%s”',
    (text) => {
      const flag = evaluateEscalation(conversation([customer(text)]), config).find((f) => f.trigger === 'legal_compliance');
      expect(flag?.priority).toBe('immediate');
      expect(flag?.evidence.span?.text).toBeTruthy();
    },
  );

  it('does not fire on ordinary words that contain a legal term', () => {
    expect(triggersOf(conversation([customer('The pursuit of a suitable suitcase')]))).not.toContain('legal_compliance');
  });
});

describe('billing dispute over $500', () => {
  it('does not fire at exactly $500.00 and fires at $500.01', () => {
    const at = conversation([customer('I dispute this charge of $500.00', { intent: 'refund_request', amountsCents: [50_000] })]);
    expect(triggersOf(at)).not.toContain('billing_dispute');
    const over = conversation([customer('I dispute this charge of $500.01', { intent: 'refund_request', amountsCents: [50_001] })]);
    const flag = evaluateEscalation(over, config).find((f) => f.trigger === 'billing_dispute');
    expect(flag?.priority).toBe('high');
    expect(flag?.evidence.amountCents).toBe(50_001);
  });

  it('takes the amount from a named order when the message has none', () => {
    const input = conversation([customer('I was double charged for order #W1234567', { orderTotalsCents: [72_000] })]);
    expect(evaluateEscalation(input, config).find((f) => f.trigger === 'billing_dispute')?.evidence.amountCents).toBe(72_000);
  });

  it('needs dispute language, not just a large amount', () => {
    expect(triggersOf(conversation([customer('My order of $900 is late', { amountsCents: [90_000] })]))).not.toContain('billing_dispute');
  });
});

describe('long conversation', () => {
  it('fires at 11 messages, not at 10', () => {
    expect(triggersOf(conversation([customer('hi')], { turnCount: 10 }))).not.toContain('long_conversation');
    const flag = evaluateEscalation(conversation([customer('hi')], { turnCount: 11 }), config).find((f) => f.trigger === 'long_conversation');
    expect(flag?.priority).toBe('medium');
    expect(flag?.evidence.count).toBe(11);
  });
});

describe('configuration and dismissals', () => {
  it('orders flags most urgent first', () => {
    const input = conversation([customer('get me a human, my lawyer is waiting', { confidence: 0.1 })], { turnCount: 12 });
    const priorities = evaluateEscalation(input, config).map((f) => f.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => ['immediate', 'high', 'medium'].indexOf(a) - ['immediate', 'high', 'medium'].indexOf(b)));
    expect(priorities[0]).toBe('immediate');
  });

  it('honours a disabled trigger and a changed threshold', () => {
    const custom = parseEscalationConfig({
      ...config,
      maxMessages: 20,
      triggers: { ...config.triggers, legal_compliance: { enabled: false, priority: 'immediate' } },
    });
    const input = conversation([customer('my lawyer')], { turnCount: 15 });
    expect(evaluateEscalation(input, custom).map((f) => f.trigger)).toEqual([]);
  });

  it('keeps a dismissed flag hidden until a later message brings new evidence', () => {
    const first = customer('I want a human');
    expect(evaluateEscalation(conversation([first]), config, [{ trigger: 'explicit_human_request', upToSeq: first.seq }])).toEqual([]);
    const again = customer('A HUMAN. Now. Representative please');
    const flags = evaluateEscalation(conversation([first, again]), config, [{ trigger: 'explicit_human_request', upToSeq: first.seq }]);
    expect(flags.map((f) => f.trigger)).toContain('explicit_human_request');
  });

  it('refuses an invalid configuration with every problem named', () => {
    expect(() => parseEscalationConfig({ ...config, maxMessages: -1, negativeStreak: 'two' })).toThrow(/maxMessages.*negativeStreak|negativeStreak.*maxMessages/);
  });
});
