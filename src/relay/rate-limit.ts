/** NIM's send-API limit: at most N requests per second per app, then the app is blocked for a while. */

export interface RateLimitConfig {
  perSecond: number;
  blockMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitConfig = { perSecond: 100, blockMs: 10_000 };

export class RateLimiter {
  private windowStart = 0;
  private count = 0;
  private blockedUntil = 0;

  constructor(private readonly cfg: RateLimitConfig) {}

  /** Counts one request; false means answer 416. */
  take(nowMs: number): boolean {
    if (nowMs < this.blockedUntil) return false;
    if (nowMs - this.windowStart >= 1000) {
      this.windowStart = nowMs;
      this.count = 0;
    }
    this.count += 1;
    if (this.count > this.cfg.perSecond) {
      this.blockedUntil = nowMs + this.cfg.blockMs;
      return false;
    }
    return true;
  }
}
