import type { Clock } from '../../main/engine/clock.js';

/** A clock the test moves by hand, so timestamps and orderings are exact. */
export class FixedClock implements Clock {
  constructor(private current = Date.UTC(2025, 0, 15, 9, 0, 0)) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}
