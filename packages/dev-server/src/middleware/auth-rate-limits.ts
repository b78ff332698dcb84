import type { MiddlewareHandler } from 'hono';
import type { Env } from '../context';
import { HttpError } from '../errors';

// §1.5: per client IP, per endpoint group.
const LIMITS: { paths: string[]; limit: number; windowS: number }[] = [
  { paths: ['/api/v1/auth/signup', '/api/v1/auth/register'], limit: 3, windowS: 60 },
  { paths: ['/api/v1/auth/signin', '/api/v1/auth/login'], limit: 5, windowS: 60 },
  { paths: ['/api/v1/auth/password/forgot'], limit: 3, windowS: 3600 },
  { paths: ['/api/v1/auth/email/resend-verification', '/api/v1/auth/magic-link'], limit: 5, windowS: 3600 },
];

/** The auth endpoints' limits, only when switched on (§7.4); answers shape D with headers. */
export const authRateLimits: MiddlewareHandler<Env> = async (c, next) => {
  const dev = c.get('dev');
  if (!dev.rateLimiter.enabled || c.req.method !== 'POST') return next();
  const path = new URL(c.req.url).pathname;
  const rule = LIMITS.find((l) => l.paths.includes(path));
  if (!rule) return next();
  const ip = c.env?.incoming?.socket?.remoteAddress ?? 'unknown';
  const now = dev.clock.now();
  const hit = dev.rateLimiter.hit(`ip:${ip}:${rule.paths[0]}`, rule.limit, rule.windowS * 1000, now);
  if (!hit.allowed) {
    throw new HttpError(
      429,
      'Rate limit exceeded',
      'RATE_LIMIT_ERROR',
      { retry_after: hit.retryAfter, limit: rule.limit, window: rule.windowS },
      {
        'Retry-After': String(hit.retryAfter),
        'X-RateLimit-Limit': String(rule.limit),
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': String(Math.ceil(now / 1000) + hit.retryAfter),
      },
    );
  }
  return next();
};
