import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { METHODS } from '../../../main/api/contract.js';
import { createDispatcher, type Dispatcher } from '../../../main/api/dispatcher.js';
import type { HandlerContext } from '../../../main/api/handlers/context.js';
import { ERROR_HINTS, openEngine, type Engine } from '../../../main/engine/index.js';
import { MIGRATIONS } from '../../../main/engine/store/migrations/index.js';
import { FixedClock } from '../../support/fixedClock.js';

let engine: Engine;
let dispatcher: Dispatcher;
beforeEach(() => {
  engine = openEngine({ dataDir: ':memory:', clock: new FixedClock() });
  dispatcher = createDispatcher({ engine, appVersion: '0.0.0-test' }, { validateOutput: true });
});
afterEach(() => engine.close());

const messageCount = (): number => (engine.db.prepare(`SELECT COUNT(*) AS n FROM messages`).get() as { n: number }).n;

describe('dispatcher', () => {
  it('runs every conversation method end to end with outputs that match their schemas', async () => {
    const created = await dispatcher.invoke('conversation.create', { customerRef: 'a@example.com', subject: 'Refund', firstMessage: 'Refund please' });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const id = created.value.id;
    const sent = await dispatcher.invoke('conversation.send', { id, role: 'agent', content: 'Looking into it.' });
    expect(sent).toMatchObject({ ok: true, value: { seq: 2, role: 'agent' } });
    expect(await dispatcher.invoke('conversation.get', { id })).toMatchObject({ ok: true, value: { conversation: { messageCount: 2 } } });
    expect(await dispatcher.invoke('conversation.list', { status: 'open', limit: 5 })).toMatchObject({ ok: true, value: [{ id }] });
    expect(await dispatcher.invoke('conversation.setStatus', { id, status: 'resolved' })).toMatchObject({ ok: true, value: { status: 'resolved' } });
    expect(await dispatcher.invoke('conversation.list', { status: 'open' })).toEqual({ ok: true, value: [] });
    expect(await dispatcher.invoke('app.info', {})).toMatchObject({
      ok: true,
      value: { version: '0.0.0-test', schemaVersion: MIGRATIONS.length, commerce: { customers: 0, orders: 0, products: 0 } },
    });
    expect(await dispatcher.invoke('conversation.delete', { id })).toEqual({ ok: true, value: { deleted: true } });
    expect(await dispatcher.invoke('conversation.get', { id })).toMatchObject({ ok: false, error: { code: 'E_NOT_FOUND' } });
  });

  it('validates the input of every method before any handler runs', async () => {
    expect(METHODS.length).toBeGreaterThan(0);
    for (const method of METHODS) {
      for (const bad of [42, 'x', [], { definitelyNotAField: true }]) {
        const result = await dispatcher.call(method, bad);
        expect(result, `${method} ${JSON.stringify(bad)}`).toMatchObject({ ok: false, error: { code: 'E_VALIDATION' } });
      }
    }
    expect(messageCount()).toBe(0);
    expect(engine.conversations.list()).toEqual([]);
  });

  it('names the offending field and says what to do', async () => {
    const result = await dispatcher.call('conversation.send', { id: 'c_1', role: 'supervisor', content: 'hi' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('E_VALIDATION');
    expect(result.error.message).toContain('role');
    expect(result.error.message).toMatch(/Correct the fields named/);
  });

  it('maps engine rules onto result codes (empty, too long, broken Unicode, unknown id)', async () => {
    const created = await dispatcher.invoke('conversation.create', {});
    if (!created.ok) throw new Error('create failed');
    const id = created.value.id;
    const cases: [unknown, string][] = [
      [{ id, role: 'customer', content: '' }, 'E_EMPTY_MESSAGE'],
      [{ id, role: 'customer', content: '   ' }, 'E_EMPTY_MESSAGE'],
      [{ id, role: 'customer', content: 'x'.repeat(20_001) }, 'E_VALIDATION'],
      [{ id, role: 'customer', content: `${'x'.repeat(19_999)}\ud800` }, 'E_BAD_ENCODING'],
      [{ id: 'c_nope', role: 'customer', content: 'hello' }, 'E_NOT_FOUND'],
    ];
    for (const [input, code] of cases) {
      const result = await dispatcher.call('conversation.send', input);
      expect(result, code).toMatchObject({ ok: false, error: { code } });
      if (!result.ok && code !== 'E_VALIDATION') expect(result.error.message).toContain(ERROR_HINTS[result.error.code]);
      if (!result.ok && code === 'E_VALIDATION') expect(result.error.message).toMatch(/content: Messages are limited to 20,000 characters\. Correct/);
    }
    expect(messageCount()).toBe(0);
  });

  it('answers an unknown method with E_UNKNOWN_METHOD, including prototype names', async () => {
    for (const name of ['conversation.explode', 'toString', '__proto__', '']) {
      expect(await dispatcher.call(name, {})).toMatchObject({ ok: false, error: { code: 'E_UNKNOWN_METHOD' } });
    }
  });

  it('treats a missing input as an empty object', async () => {
    expect(await dispatcher.call('conversation.list', undefined)).toEqual({ ok: true, value: [] });
    expect(await dispatcher.call('conversation.list', null)).toEqual({ ok: true, value: [] });
  });
});

/** A context whose engine misbehaves in a chosen way; only the members the handlers touch are faked. */
function fakeContext(conversations: Partial<Engine['conversations']>): HandlerContext {
  return { engine: { conversations } as unknown as Engine, appVersion: '0.0.0-test' };
}

describe('dispatcher failure containment', () => {
  it('turns a thrown non-Tandem error into E_INTERNAL without leaking its message', async () => {
    const onInternalError = vi.fn();
    const secret = 'SQLITE_CORRUPT at /home/alice/secret/tandem.db';
    const broken = createDispatcher(
      fakeContext({
        list: () => {
          throw new Error(secret);
        },
      }),
      { onInternalError },
    );
    const result = await broken.call('conversation.list', {});
    expect(result).toEqual({ ok: false, error: { code: 'E_INTERNAL', message: ERROR_HINTS.E_INTERNAL } });
    expect(JSON.stringify(result)).not.toContain('alice');
    expect(onInternalError).toHaveBeenCalledOnce();
    expect(onInternalError.mock.calls[0]?.[0]).toBe('conversation.list');
    expect(String(onInternalError.mock.calls[0]?.[1])).toContain(secret);
  });

  it('contains a rejected promise and a thrown non-Error value the same way', async () => {
    const broken = createDispatcher(
      fakeContext({
        list: () => {
          throw 'a string, not an Error';
        },
        get: () => Promise.reject(new TypeError('x is undefined')) as never,
      }),
    );
    expect(await broken.call('conversation.list', {})).toMatchObject({ ok: false, error: { code: 'E_INTERNAL' } });
    expect(await broken.call('conversation.get', { id: 'c_1' })).toMatchObject({ ok: false, error: { code: 'E_INTERNAL' } });
  });

  it('with validateOutput, an output that breaks its schema is an internal error, not a success', async () => {
    const onInternalError = vi.fn();
    const context = fakeContext({ list: () => [{ id: 'c_1', nonsense: true }] as never });
    const strict = createDispatcher(context, { validateOutput: true, onInternalError });
    const result = await strict.call('conversation.list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'E_INTERNAL' } });
    expect(String(onInternalError.mock.calls[0]?.[1])).toMatch(/broke its schema/);
    // Without validation (production), the same value passes through: validation is what catches it.
    const lax = createDispatcher(context);
    expect(await lax.call('conversation.list', {})).toMatchObject({ ok: true });
  });
});
