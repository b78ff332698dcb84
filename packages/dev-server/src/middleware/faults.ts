import type { MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Env } from '../context';
import { errorEnvelope } from '../errors';

const REASONS: Record<number, string> = {
  429: 'Rate limit exceeded',
  500: 'An unexpected error occurred',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Applies the first matching fault rule (§7.3) before auth, rate limits and routing. */
export const faults: MiddlewareHandler<Env> = async (c, next) => {
  const path = new URL(c.req.url).pathname;
  if (path.startsWith('/__dev/')) return next();
  const dev = c.get('dev');
  const rule = dev.faults.take(c.req.method, path);
  if (!rule) return next();
  c.set('faultId', rule.id);
  if (rule.delay_ms) await new Promise((r) => setTimeout(r, rule.delay_ms));
  if (rule.drop) {
    c.env.incoming.socket.destroy();
    return new Response(null, { status: 500 });
  }
  if (rule.status === undefined) return next();
  for (const [k, v] of Object.entries(rule.headers ?? {})) c.header(k, v);
  if (rule.body !== undefined) {
    if (typeof rule.body === 'string') return c.body(rule.body, rule.status as ContentfulStatusCode);
    return c.json(rule.body as object, rule.status as ContentfulStatusCode);
  }
  const message = REASONS[rule.status] ?? 'Injected fault';
  const code = rule.status === 429 ? 'RATE_LIMIT_ERROR' : rule.status >= 500 ? 'INTERNAL_ERROR' : 'HTTP_ERROR';
  return c.json(errorEnvelope(c.get('requestId'), code, message), rule.status as ContentfulStatusCode);
};
