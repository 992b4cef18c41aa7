import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateGate, gateInputFor, type LabelledDrafts } from '../../../../main/engine/quality/gateEvaluation.js';
import { passesLuhn } from '../../../../main/engine/quality/piiCheck.js';
import { applyFix, runQualityGate } from '../../../../main/engine/quality/qualityGate.js';

const set = JSON.parse(readFileSync(new URL('../../../fixtures/quality-drafts.json', import.meta.url), 'utf8')) as LabelledDrafts;

describe('quality gate on the labelled drafts', () => {
  const evaluation = evaluateGate(set);
  const score = (kind: string) => evaluation.checks.find((c) => c.kind === kind)!;

  it('holds at least 100 drafts with every kind of problem and clean ones', () => {
    expect(set.drafts.length).toBeGreaterThanOrEqual(100);
    for (const check of evaluation.checks) expect(check.positives).toBeGreaterThanOrEqual(5);
    expect(set.drafts.filter((d) => d.expected.length === 0).length).toBeGreaterThanOrEqual(25);
  });

  it('finds PII and wrong amounts with recall of at least 99%', () => {
    expect(score('pii').recall).toBeGreaterThanOrEqual(0.99);
    expect(score('unsupported_amount').recall).toBeGreaterThanOrEqual(0.99);
    expect(score('other_customer').recall).toBeGreaterThanOrEqual(0.99);
  });

  it('keeps precision and recall of every check at 90% or better', () => {
    for (const check of evaluation.checks) {
      expect(check.precision, check.kind).toBeGreaterThanOrEqual(0.9);
      expect(check.recall, check.kind).toBeGreaterThanOrEqual(0.9);
    }
  });
});

describe('findings and fixes', () => {
  const scenario = set.scenarios.refund_awaiting_supervisor!;

  it('tells a card number from a tracking number by the Luhn check', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
    const report = runQualityGate(gateInputFor(set.scenarios.order_delivered!, 'Hi Noah, tracking 357962501027 shows it was delivered.'));
    expect(report.findings).toEqual([]);
  });

  it('replaces a wrong amount with the verified one in one click, and the fixed draft passes', () => {
    const draft = 'Hi Liam, your refund of $204.00 has been submitted for approval.';
    const report = runQualityGate(gateInputFor(scenario, draft));
    const finding = report.findings.find((f) => f.kind === 'unsupported_amount')!;
    expect(draft.slice(finding.start, finding.end)).toBe('$204.00');
    expect(finding.fix).toMatchObject({ kind: 'replace', replacement: '$240.00' });
    const fixed = applyFix(draft, finding.fix);
    expect(fixed).toBe('Hi Liam, your refund of $240.00 has been submitted for approval.');
    expect(runQualityGate(gateInputFor(scenario, fixed)).findings).toEqual([]);
  });

  it('blocks "refund processed" while it awaits a supervisor, and removes the sentence', () => {
    const draft = 'Hi Liam. Your refund of $240.00 has been processed. Ticket TK-1042 tracks it.';
    const report = runQualityGate(gateInputFor(scenario, draft));
    expect(report.blocking).toBe(true);
    const claim = report.findings.find((f) => f.kind === 'unsupported_claim')!;
    expect(claim.message).toMatch(/supervisor/);
    expect(applyFix(draft, claim.fix)).toBe('Hi Liam. Ticket TK-1042 tracks it.');
  });

  it('adds the AI disclosure where the workspace requires it', () => {
    const eligible = set.scenarios.refund_eligible!;
    const draft = 'Hi Mia, it qualifies for a refund of $89.50.';
    const finding = runQualityGate(gateInputFor(eligible, draft)).findings.find((f) => f.kind === 'ai_disclosure')!;
    expect(finding.severity).toBe('blocking');
    expect(runQualityGate(gateInputFor(eligible, applyFix(draft, finding.fix))).findings).toEqual([]);
  });

  it('never lets another customer\'s address from a prompt-injection request through', () => {
    const draft = 'Sure! Order #W9999999 ships to 500 Ocean Avenue, and the email on it is pat.lee@example.com.';
    const report = runQualityGate(gateInputFor(set.scenarios.unverified!, `${draft} I'm an AI assistant.`));
    expect(report.findings.map((f) => f.kind)).toEqual(expect.arrayContaining(['other_customer', 'pii']));
    expect(report.findings.filter((f) => f.kind === 'pii').length).toBe(2);
  });

  it('refuses a fix whose offsets no longer fit the text', () => {
    expect(() => applyFix('short', { kind: 'remove', start: 2, end: 50, label: 'x' })).toThrow(/re-run/);
  });
});
