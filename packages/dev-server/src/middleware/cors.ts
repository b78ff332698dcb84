import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { Env } from '../context';

/** True for `http(s)://localhost:*`, `http(s)://127.0.0.1:*` and configured origins (§7.1). */
export function isAllowedOrigin(origin: string, extra: string[]): boolean {
  try {
    const u = new URL(origin);
    if (
      (u.protocol === 'http:' || u.protocol === 'https:') &&
      (u.hostname === 'localhost' || u.hostname === '127.0.0.1')
    ) {
      return true;
    }
  } catch {
    return false;
  }
  return extra.some((o) => o.replace(/\/$/, '') === origin);
}

/** CORS exactly as upstream (§1.2), so browser tests fail where production would. */
export function corsPolicy(origins: string[]): MiddlewareHandler<Env> {
  return cors({
    origin: (origin) => (isAllowedOrigin(origin, origins) ? origin : null),
    credentials: true,
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowHeaders: [
      'Authorization',
      'Content-Type',
      'X-Requested-With',
      'X-API-Key',
      'Accept',
      'Origin',
      'User-Agent',
      'DNT',
      'Cache-Control',
      'X-Mx-ReqToken',
      'Keep-Alive',
      'If-Modified-Since',
      'X-CSRF-Token',
    ],
    exposeHeaders: ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'],
  }) as MiddlewareHandler<Env>;
}
