import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { iso } from '../clock';
import type { Dev, Env } from '../context';
import { requestScope } from '../services/request-scope';

// §1.4: up to 200 printable ASCII characters, the space (0x20) included.
const PRINTABLE = /^[\x20-\x7e]{1,200}$/;

/** Request id echo (§1.4), dev marker, response time, and the request log (§7.3). */
export function requestContext(dev: Dev): MiddlewareHandler<Env> {
  return async (c, next) => {
    const started = performance.now();
    const sent = c.req.header('x-request-id');
    const requestId = sent && PRINTABLE.test(sent) ? sent : randomUUID();
    c.set('dev', dev);
    c.set('requestId', requestId);
    c.set('faultId', null);
    c.set('apiKey', null);
    const scope = {
      ip: c.env?.incoming?.socket?.remoteAddress?.replace(/^::ffff:/, '') ?? null,
      userAgent: c.req.header('user-agent') ?? null,
      requestId,
    };
    requestScope.enterWith(scope);
    await next();
    const duration = performance.now() - started;
    c.header('X-Request-ID', requestId);
    c.header('X-Janua-Dev', '1');
    c.header('X-Response-Time', `${duration.toFixed(2)}ms`);
    const path = new URL(c.req.url).pathname;
    // The stand-in IdPs are logged: they play outside providers, which the dev server's own relying
    // party calls over HTTP, so tests can count its discovery, JWKS and token fetches.
    if (path.startsWith('/__dev/') && !path.startsWith('/__dev/idp/')) return;
    const apiKey = c.req.header('x-api-key');
    const now = dev.clock.now();
    dev.requestLog.entries.push({
      id: randomUUID(),
      method: c.req.method,
      path,
      status: c.res.status,
      duration_ms: Math.round(duration * 100) / 100,
      request_id: requestId,
      fault_id: c.get('faultId'),
      authorization: !!c.req.header('authorization'),
      api_key_prefix: apiKey ? apiKey.slice(0, 12) : null,
      at: iso(now),
      at_ms: now,
    });
  };
}
