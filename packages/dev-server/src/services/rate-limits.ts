/** Sliding-window counters keyed by bucket (§1.5); only consulted when rate limits are on. */
export interface RateLimiter {
  enabled: boolean;
  hit(
    key: string,
    limit: number,
    windowMs: number,
    now: number,
  ): { allowed: boolean; remaining: number; retryAfter: number };
  clear(): void;
}

export function createRateLimiter(enabled: boolean): RateLimiter {
  const hits = new Map<string, number[]>();
  return {
    enabled,
    hit(key, limit, windowMs, now) {
      const recent = (hits.get(key) ?? []).filter((t) => t > now - windowMs);
      if (recent.length >= limit) {
        hits.set(key, recent);
        const oldest = recent[0] ?? now;
        return { allowed: false, remaining: 0, retryAfter: Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)) };
      }
      recent.push(now);
      hits.set(key, recent);
      return { allowed: true, remaining: limit - recent.length, retryAfter: 0 };
    },
    clear() {
      hits.clear();
    },
  };
}
