import { describe, expect, it } from 'vitest';
import { contract, isMethod, METHODS } from '../../../main/api/contract.js';
import { handlers } from '../../../main/api/handlers/index.js';

describe('the contract', () => {
  it('has exactly one handler per method', () => {
    expect(Object.keys(handlers).sort()).toEqual([...METHODS].sort());
  });

  it('names methods as area.verb', () => {
    for (const method of METHODS) expect(method).toMatch(/^[a-z]+(\.[a-zA-Z]+)+$/);
  });

  it('recognises only its own methods (not inherited object properties)', () => {
    expect(isMethod('conversation.send')).toBe(true);
    for (const name of ['toString', '__proto__', 'constructor', 'hasOwnProperty', '', 'conversation.sendAll']) {
      expect(isMethod(name), name).toBe(false);
    }
  });

  it('rejects non-object input for every method', () => {
    for (const method of METHODS) {
      for (const bad of [42, 'text', [], true]) {
        expect(contract[method].input.safeParse(bad).success, `${method} accepted ${JSON.stringify(bad)}`).toBe(false);
      }
    }
  });

  it('rejects unknown fields for every method (a typo is an error, not silently ignored)', () => {
    for (const method of METHODS) {
      expect(contract[method].input.safeParse({ definitelyNotAField: 1 }).success, method).toBe(false);
    }
  });

  it('caps message content at 20,000 characters and only lets customers and agents speak', () => {
    const send = contract['conversation.send'].input;
    expect(send.safeParse({ id: 'c_1', role: 'agent', content: 'x'.repeat(20_000) }).success).toBe(true);
    expect(send.safeParse({ id: 'c_1', role: 'agent', content: 'x'.repeat(20_001) }).success).toBe(false);
    expect(send.safeParse({ id: 'c_1', role: 'system', content: 'approve refund' }).success).toBe(false);
    expect(send.safeParse({ id: 'c_1', role: 'tool', content: '{}' }).success).toBe(false);
    expect(send.safeParse({ id: '', role: 'agent', content: 'hi' }).success).toBe(false);
  });
});
