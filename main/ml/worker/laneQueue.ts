/**
 * The request queue of a model worker. The model is not re-entrant and the two cores are shared, so
 * the worker serves one model call at a time, in two lanes: interactive requests (a person is
 * waiting: a customer message, a search) before bulk ones (ingest, re-index). A long request is cut
 * into slices with a macrotask yield between them, so a query that arrives during an ingest waits for
 * at most one bulk slice, and a 'cancel' that arrives between slices stops the rest.
 *
 * Coalescing: when several interactive requests are waiting (many conversations at once) and the
 * model's output for an item does not depend on the other items of its batch, whole requests are
 * served by one model call of up to the lane's coalescing limit. The per-call cost of a small model
 * (graph dispatch, a few hundred kernel launches) is then paid once for the lot. Each request still
 * gets its own answer, its own error, and its own cancellation.
 */
export type Lane = 'interactive' | 'bulk';

export interface LaneJob<Item, Out> {
  readonly id: number;
  readonly lane: Lane;
  readonly items: readonly Item[];
  readonly outputs: Out[];
  cancelled: boolean;
}

/** Part of one job served by a model call: items[start .. start + items.length). */
export interface JobPart<Item, Out, J extends LaneJob<Item, Out>> {
  readonly job: J;
  readonly items: readonly Item[];
}

export interface LaneQueueHooks<Item, Out, J extends LaneJob<Item, Out>> {
  /** Most items one model call takes, per lane. */
  readonly slice: Readonly<Record<Lane, number>>;
  /**
   * Most items a model call shared by separate jobs of this lane may hold (asked when a call is
   * planned); 0: jobs never share a call.
   */
  coalesce(lane: Lane): number;
  /** One model call over the parts; returns one output array per part, each as long as its items. */
  run(parts: readonly JobPart<Item, Out, J>[]): Promise<Out[][]>;
  done(job: J): void;
  failed(job: J, message: string, cancelled: boolean): void;
  /** A long job finished a slice and has more to go. */
  progress?(job: J): void;
}

export interface LaneStats {
  /** Model calls made for this lane. */
  readonly calls: number;
  /** Items those calls covered. */
  readonly items: number;
}

export class LaneQueue<Item, Out, J extends LaneJob<Item, Out> = LaneJob<Item, Out>> {
  private readonly lanes: Record<Lane, J[]> = { interactive: [], bulk: [] };
  private readonly counts: Record<Lane, { calls: number; items: number }> = {
    interactive: { calls: 0, items: 0 },
    bulk: { calls: 0, items: 0 },
  };
  private gate: Promise<unknown> = Promise.resolve();
  private pumping = false;

  constructor(
    private readonly hooks: LaneQueueHooks<Item, Out, J>,
    private readonly cancelledMessage: string,
  ) {}

  /** Jobs are served only after this settles (the model loading). */
  waitFor(ready: Promise<unknown>): void {
    this.gate = ready;
  }

  submit(job: J): void {
    this.lanes[job.lane].push(job);
    void this.pump();
  }

  /** Marks a queued or running job; it is answered as cancelled at the next turn (or when its call returns). */
  cancel(id: number): void {
    for (const lane of Object.values(this.lanes)) {
      const job = lane.find((j) => j.id === id);
      if (job) job.cancelled = true;
    }
  }

  stats(): Record<Lane, LaneStats> {
    return { interactive: { ...this.counts.interactive }, bulk: { ...this.counts.bulk } };
  }

  /** Works through the lanes until both are empty; only one pump runs at a time. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      await this.gate.catch(() => {});
      for (;;) {
        // The model computes synchronously; yielding a macrotask lets queued messages (a new
        // interactive request, a cancel) arrive before the next call is planned.
        await new Promise((resolve) => setImmediate(resolve));
        this.answerCancelled();
        const lane: Lane = this.lanes.interactive.length > 0 ? 'interactive' : 'bulk';
        const parts = this.plan(lane);
        if (parts.length === 0) return;
        await this.serve(lane, parts);
      }
    } finally {
      this.pumping = false;
    }
  }

  private answerCancelled(): void {
    for (const lane of Object.values(this.lanes)) {
      for (const job of lane.filter((j) => j.cancelled)) this.finish(job, () => this.hooks.failed(job, this.cancelledMessage, true));
    }
  }

  /**
   * The front job's next slice; then, if the lane coalesces and that slice ends the front job, the
   * whole jobs queued behind it, in order, while the call stays within the coalescing limit.
   */
  private plan(lane: Lane): JobPart<Item, Out, J>[] {
    const queue = this.lanes[lane];
    const front = queue[0];
    if (!front) return [];
    const limit = this.hooks.slice[lane];
    const start = front.outputs.length;
    const parts: JobPart<Item, Out, J>[] = [{ job: front, items: front.items.slice(start, start + limit) }];
    let size = parts[0]!.items.length;
    if (start + size < front.items.length) return parts;
    const shared = Math.min(limit, this.hooks.coalesce(lane));
    for (const job of queue.slice(1)) {
      if (size + job.items.length > shared) break;
      parts.push({ job, items: job.items });
      size += job.items.length;
    }
    return parts;
  }

  private async serve(lane: Lane, parts: readonly JobPart<Item, Out, J>[]): Promise<void> {
    let outputs: Out[][];
    try {
      this.counts[lane].calls++;
      this.counts[lane].items += parts.reduce((sum, part) => sum + part.items.length, 0);
      outputs = await this.hooks.run(parts);
      if (outputs.length !== parts.length) throw new Error(`the model answered ${outputs.length} of ${parts.length} requests`);
      parts.forEach((part, i) => {
        const got = outputs[i]!.length;
        if (got !== part.items.length) throw new Error(`the model returned ${got} results for ${part.items.length} items`);
      });
    } catch (error) {
      if (parts.length > 1) {
        // One bad request must not fail the ones it was batched with: each is served alone, and only
        // its own error reaches it.
        for (const part of parts) await this.serve(lane, [part]);
        return;
      }
      const job = parts[0]!.job;
      this.finish(job, () => this.hooks.failed(job, job.cancelled ? this.cancelledMessage : messageOf(error), job.cancelled));
      return;
    }
    parts.forEach((part, i) => {
      const { job } = part;
      if (job.cancelled) {
        this.finish(job, () => this.hooks.failed(job, this.cancelledMessage, true));
        return;
      }
      job.outputs.push(...outputs[i]!);
      if (job.outputs.length >= job.items.length) this.finish(job, () => this.hooks.done(job));
      else this.hooks.progress?.(job);
    });
  }

  private finish(job: J, answer: () => void): void {
    const queue = this.lanes[job.lane];
    const index = queue.indexOf(job);
    if (index >= 0) queue.splice(index, 1);
    answer();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
