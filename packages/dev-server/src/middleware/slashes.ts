import type { MiddlewareHandler } from 'hono';
import type { Env } from '../context';

const WITH_SLASH = new Set([
  'users',
  'sessions',
  'devices',
  'organizations',
  'passkeys',
  'webhooks',
  'invitations',
  'audit-logs',
]);

/**
 * FastAPI's redirect rules (§1.1): collection roots live at `/x/`, everything else without a
 * trailing slash; the other form gets a 307, so an SDK that builds paths wrongly is caught.
 */
export const slashes: MiddlewareHandler<Env> = async (c, next) => {
  const url = new URL(c.req.url);
  const m = /^\/api\/v1\/([a-z-]+)(\/?)$/.exec(url.pathname);
  let target: string | null = null;
  if (m?.[1] && WITH_SLASH.has(m[1]) && m[2] === '') target = `${url.pathname}/`;
  else if (url.pathname.startsWith('/api/v1/') && url.pathname.endsWith('/') && !(m?.[1] && WITH_SLASH.has(m[1]))) {
    target = url.pathname.replace(/\/+$/, '');
  }
  if (target === null) return next();
  return c.redirect(target + url.search, 307);
};
