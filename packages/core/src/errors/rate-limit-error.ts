import { JanuaError, type JanuaErrorInit } from './janua-error';

/** Rate-limit facts carried by a `RateLimitError`. */
export interface RateLimitInfo {
  /** Seconds to wait before retrying (contract §1.5), or null when unknown. */
  retryAfter: number | null;
  /** `X-RateLimit-Limit`, or `details.limit`. */
  limit: number | null;
  /** `X-RateLimit-Remaining`. */
  remaining: number | null;
  /** When the window resets (`X-RateLimit-Reset`), or null. */
  resetAt: Date | null;
}

/**
 * Thrown for 429 once retries are exhausted (every body shape of contract §1.5).
 *
 * @example
 * ```ts
 * catch (err) { if (err instanceof RateLimitError) setTimeout(retry, (err.retryAfter ?? 1) * 1000); }
 * ```
 */
export class RateLimitError extends JanuaError {
  override readonly name: string = 'RateLimitError';
  /** Seconds to wait (Retry-After header, else the body), or null. */
  declare readonly retryAfter: number | null;
  declare readonly limit: number | null;
  declare readonly remaining: number | null;
  declare readonly resetAt: Date | null;
  constructor(init: JanuaErrorInit & RateLimitInfo) {
    super(init);
    this.retryAfter = init.retryAfter;
    this.limit = init.limit;
    this.remaining = init.remaining;
    this.resetAt = init.resetAt;
  }
}
