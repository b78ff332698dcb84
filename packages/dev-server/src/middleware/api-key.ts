import type { MiddlewareHandler } from 'hono';
import type { Env } from '../context';
import { HttpError } from '../errors';
import { findApiKey } from '../services/api-keys';
import { isApiKeyValue } from '../services/principal';

const SKIPPED = [
  /^\/health/,
  /^\/ready$/,
  /^\/\.well-known\//,
  /^\/api\/v1\/api-keys\/verify$/,
  /^\/__dev\//,
  /^\/api\/v1\/health/,
];

/**
 * Validates an API key on every non-skipped path (§1.2): `X-API-Key`, or `Authorization: Bearer
 * sk_live_…`. Invalid keys are a 401; with rate limits on, each key gets its per-minute budget
 * and successful responses carry `X-RateLimit-*`.
 */
export const apiKeyCheck: MiddlewareHandler<Env> = async (c, next) => {
  const path = new URL(c.req.url).pathname;
  if (SKIPPED.some((re) => re.test(path))) return next();
  const auth = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
  const value = c.req.header('x-api-key') ?? (auth && isApiKeyValue(auth) ? auth : undefined);
  if (!value) return next();
  const dev = c.get('dev');
  const key = findApiKey(dev, value);
  if (!key) throw new HttpError(401, 'Invalid or revoked API key');
  c.set('apiKey', key);
  const now = dev.clock.now();
  dev.db.prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ?').run(now, key.id);
  if (!dev.rateLimiter.enabled) return next();
  const limit = key.rate_limit_per_min;
  const hit = dev.rateLimiter.hit(`key:${key.id}`, limit, 60_000, now);
  if (!hit.allowed) {
    throw new HttpError(
      429,
      'Rate limit exceeded for this API key',
      'RATE_LIMIT_ERROR',
      { retry_after: hit.retryAfter, limit, window: 60 },
      {
        'Retry-After': String(hit.retryAfter),
        'X-RateLimit-Limit': String(limit),
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': String(Math.ceil(now / 1000) + hit.retryAfter),
      },
    );
  }
  await next();
  c.header('X-RateLimit-Limit', String(limit));
  c.header('X-RateLimit-Remaining', String(hit.remaining));
};
