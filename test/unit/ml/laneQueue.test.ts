import { describe, expect, it } from 'vitest';
import { LaneQueue, type Lane, type LaneJob } from '../../../main/ml/worker/laneQueue.js';

type Job = LaneJob<string, string>;
type Answer = { id: number; outputs?: string[]; error?: string; cancelled?: boolean };

/** A queue over a fake model that upper-cases its items, recording each call; `hold` pauses calls until released. */
function setup(options: { coalesce?: number; slice?: Record<Lane, number>; failOn?: string } = {}) {
  const calls: string[][] = [];
  const answers: Answer[] = [];
  const progress: Array<[number, number]> = [];
  let held: Array<() => void> | null = null;
  const queue = new LaneQueue<string, string>(
    {
      slice: options.slice ?? { interactive: 4, bulk: 2 },
      coalesce: (lane) => (lane === 'interactive' ? (options.coalesce ?? 4) : 0),
      run: async (parts) => {
        const items = parts.flatMap((part) => part.items);
        calls.push([...items]);
        if (held) await new Promise<void>((resolve) => held!.push(resolve));
        if (options.failOn && items.includes(options.failOn)) throw new Error(`cannot embed ${options.failOn}`);
        return parts.map((part) => part.items.map((item) => item.toUpperCase()));
      },
      done: (job) => answers.push({ id: job.id, outputs: [...job.outputs] }),
      failed: (job, error, cancelled) => answers.push({ id: job.id, error, ...(cancelled ? { cancelled } : {}) }),
      progress: (job) => progress.push([job.id, job.outputs.length]),
    },
    'embedding cancelled',
  );
  let nextId = 1;
  const submit = (items: string[], lane: Lane = 'interactive'): number => {
    const id = nextId++;
    queue.submit({ id, lane, items, outputs: [], cancelled: false } satisfies Job);
    return id;
  };
  const until = async (count: number): Promise<void> => {
    for (let i = 0; i < 200 && answers.length < count; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(answers).toHaveLength(count);
  };
  const hold = (): void => {
    held = [];
  };
  const release = (): void => {
    const waiting = held ?? [];
    held = null;
    waiting.forEach((resolve) => resolve());
  };
  return { queue, calls, answers, progress, submit, until, hold, release };
}

describe('LaneQueue coalescing', () => {
  it('serves interactive requests waiting together with one model call and gives each its own outputs', async () => {
    const q = setup();
    const a = q.submit(['where is my order']);
    const b = q.submit(['refund', 'reset password']);
    const c = q.submit(['late package']);
    await q.until(3);
    expect(q.calls).toEqual([['where is my order', 'refund', 'reset password', 'late package']]);
    expect(q.answers).toEqual([
      { id: a, outputs: ['WHERE IS MY ORDER'] },
      { id: b, outputs: ['REFUND', 'RESET PASSWORD'] },
      { id: c, outputs: ['LATE PACKAGE'] },
    ]);
    expect(q.queue.stats()).toEqual({ interactive: { calls: 1, items: 4 }, bulk: { calls: 0, items: 0 } });
  });

  it('puts at most one slice in a call, in arrival order, and never splits a joining request', async () => {
    const q = setup();
    for (const text of ['a', 'b', 'c']) q.submit([text]);
    q.submit(['d', 'e']); // does not fit behind a, b, c: waits for the next call
    q.submit(['f']);
    await q.until(5);
    expect(q.calls).toEqual([['a', 'b', 'c'], ['d', 'e', 'f']]);
    expect(q.answers.map((answer) => answer.id)).toEqual([1, 2, 3, 4, 5]);
  });

  it('lets requests join the last slice of a long request, which still reports progress per slice', async () => {
    const q = setup();
    const long = q.submit(['l1', 'l2', 'l3', 'l4', 'l5', 'l6']);
    const short = q.submit(['s1']);
    await q.until(2);
    expect(q.calls).toEqual([['l1', 'l2', 'l3', 'l4'], ['l5', 'l6', 's1']]);
    expect(q.progress).toEqual([[long, 4]]);
    expect(q.answers).toEqual([
      { id: long, outputs: ['L1', 'L2', 'L3', 'L4', 'L5', 'L6'] },
      { id: short, outputs: ['S1'] },
    ]);
  });

  it('keeps shared calls within the coalescing limit, while one request alone may fill a whole slice', async () => {
    const q = setup({ coalesce: 2, slice: { interactive: 4, bulk: 2 } });
    q.submit(['a']);
    q.submit(['b']);
    q.submit(['c']);
    q.submit(['d', 'e', 'f', 'g']);
    q.submit(['h']);
    await q.until(5);
    expect(q.calls).toEqual([['a', 'b'], ['c'], ['d', 'e', 'f', 'g'], ['h']]);
  });

  it('makes one call per request when the model does not allow coalescing', async () => {
    const q = setup({ coalesce: 0 });
    q.submit(['a']);
    q.submit(['b']);
    await q.until(2);
    expect(q.calls).toEqual([['a'], ['b']]);
  });

  it('never coalesces bulk requests, and serves an interactive request before the rest of a bulk one', async () => {
    const q = setup();
    const bulk = q.submit(['p1', 'p2', 'p3', 'p4', 'p5'], 'bulk');
    const other = q.submit(['q1'], 'bulk');
    q.hold();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(q.calls).toEqual([['p1', 'p2']]);
    const query = q.submit(['where is my refund']);
    q.release();
    await q.until(3);
    expect(q.calls).toEqual([['p1', 'p2'], ['where is my refund'], ['p3', 'p4'], ['p5'], ['q1']]);
    expect(q.answers.map((answer) => answer.id)).toEqual([query, bulk, other]);
  });

  it('when a shared call fails, serves each request alone so only the bad one gets the error', async () => {
    const q = setup({ failOn: 'bad' });
    const a = q.submit(['good one']);
    const b = q.submit(['bad']);
    const c = q.submit(['good two']);
    await q.until(3);
    expect(q.calls).toEqual([['good one', 'bad', 'good two'], ['good one'], ['bad'], ['good two']]);
    expect(q.answers).toEqual([
      { id: a, outputs: ['GOOD ONE'] },
      { id: b, error: 'cannot embed bad' },
      { id: c, outputs: ['GOOD TWO'] },
    ]);
  });

  it('answers a cancelled waiting request at once and leaves it out of the shared call', async () => {
    const q = setup();
    const a = q.submit(['a']);
    const b = q.submit(['b']);
    const c = q.submit(['c']);
    q.queue.cancel(b);
    await q.until(3);
    expect(q.calls).toEqual([['a', 'c']]);
    expect(q.answers).toEqual([
      { id: b, error: 'embedding cancelled', cancelled: true },
      { id: a, outputs: ['A'] },
      { id: c, outputs: ['C'] },
    ]);
  });

  it('answers a request cancelled while its shared call runs as cancelled, and the others normally', async () => {
    const q = setup();
    q.hold();
    const a = q.submit(['a']);
    const b = q.submit(['b']);
    for (let i = 0; i < 5 && q.calls.length === 0; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(q.calls).toEqual([['a', 'b']]);
    q.queue.cancel(a);
    q.release();
    await q.until(2);
    expect(q.answers).toEqual([
      { id: a, error: 'embedding cancelled', cancelled: true },
      { id: b, outputs: ['B'] },
    ]);
  });

  it('waits for the model to load before serving', async () => {
    const q = setup();
    let loaded!: () => void;
    q.queue.waitFor(new Promise<void>((resolve) => (loaded = resolve)));
    q.submit(['a']);
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(q.calls).toEqual([]);
    loaded();
    await q.until(1);
    expect(q.calls).toEqual([['a']]);
  });

  it('rejects a call whose output count does not match its items, naming the counts', async () => {
    const answers: Answer[] = [];
    const queue = new LaneQueue<string, string>(
      {
        slice: { interactive: 4, bulk: 2 },
        coalesce: () => 4,
        run: async (parts) => parts.map(() => ['only one']),
        done: (job) => answers.push({ id: job.id, outputs: [...job.outputs] }),
        failed: (job, error) => answers.push({ id: job.id, error }),
      },
      'cancelled',
    );
    queue.submit({ id: 1, lane: 'interactive', items: ['a', 'b'], outputs: [], cancelled: false });
    for (let i = 0; i < 10 && answers.length === 0; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(answers).toEqual([{ id: 1, error: 'the model returned 1 results for 2 items' }]);
  });
});
