// The primary GraphQL budget, read from each response's rateLimit { cost remaining resetAt }. When the
// next query would overdraw it, we wait for the reset rather than fail (issue 4); the clock and the
// sleep are injectable so tests do not wait for real.
import { RateLimitedError } from "./errors.js";

export interface RateBudgetOptions {
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Longer waits throw RateLimitedError so a queue can re-schedule the job. Default 1 hour. */
  maxWaitMs?: number;
  onWait?: (wait: { kind: "primary"; seconds: number }) => void;
}

export interface RateLimitReading {
  cost: number;
  remaining: number;
  resetAt: string;
}

export class RateBudget {
  remaining: number | null = null;
  resetAt: Date | null = null;
  /** Points spent through this budget so far (sum of reported query costs). */
  spent = 0;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly maxWaitMs: number;

  constructor(private readonly options: RateBudgetOptions = {}) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? Date.now;
    this.maxWaitMs = options.maxWaitMs ?? 60 * 60 * 1000;
  }

  /** Waits until the budget can pay `cost` points. */
  async reserve(cost: number): Promise<void> {
    if (this.remaining === null || this.resetAt === null || this.remaining >= cost) return;
    // One second past the reset, as GitHub advises, so the first query after it is not refused.
    const waitMs = this.resetAt.getTime() - this.now() + 1000;
    if (waitMs <= 0) return;
    if (waitMs > this.maxWaitMs) throw new RateLimitedError(this.resetAt, "primary");
    this.options.onWait?.({ kind: "primary", seconds: Math.ceil(waitMs / 1000) });
    await this.sleep(waitMs);
    this.remaining = null;
  }

  /** GitHub refused a query for lack of points: nothing more until `resetAt`. */
  exhaustedUntil(resetAt: Date): void {
    this.remaining = 0;
    this.resetAt = resetAt;
  }

  record(reading: RateLimitReading | null | undefined): void {
    if (!reading) return;
    this.spent += reading.cost;
    this.remaining = reading.remaining;
    this.resetAt = new Date(reading.resetAt);
  }
}
