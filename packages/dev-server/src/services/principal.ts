import type { Context } from 'hono';
import type { Env } from '../context';
import { HttpError } from '../errors';
import type { ApiKeyRow } from './api-keys';
import { getSession, isLive, type SessionRow } from './sessions';
import { type AccessClaims, verifyAccessToken } from './tokens';
import { getUserById, type UserRow } from './users';

export interface UserPrincipal {
  kind: 'user';
  user: UserRow;
  session: SessionRow;
  claims: AccessClaims;
}
export interface ApiKeyPrincipal {
  kind: 'api_key';
  key: ApiKeyRow;
  scopes: string[];
}
export type Principal = UserPrincipal | ApiKeyPrincipal;

export const isApiKeyValue = (v: string) => v.startsWith('sk_live_') || v.startsWith('jnk_');

function bearer(c: Context<Env>): string | null {
  const header = c.req.header('authorization');
  if (!header) return null;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!match?.[1] || isApiKeyValue(match[1])) return null;
  return match[1];
}

/** The signed-in user of a bearer token; revocation is checked for real (§3.3). */
export async function requireUser(c: Context<Env>): Promise<UserPrincipal> {
  const dev = c.get('dev');
  const token = bearer(c);
  if (!token) throw new HttpError(401, 'Not authenticated');
  const claims = await verifyAccessToken(dev, token);
  const session = getSession(dev, claims.sid);
  if (!isLive(dev, session)) throw new HttpError(401, 'Invalid or expired token');
  const user = getUserById(dev, claims.sub);
  if (user?.status !== 'active') throw new HttpError(401, 'User not found');
  const now = dev.clock.now();
  if (now - session.last_activity_at > 10_000) {
    dev.db.prepare('UPDATE sessions SET last_activity_at = ? WHERE id = ?').run(now, session.id);
  }
  return { kind: 'user', user, session, claims };
}

/**
 * A user, or the API-key principal (designed here, §1.2) when the request carries a valid key
 * and no `Authorization` header.
 */
export async function requirePrincipal(c: Context<Env>): Promise<Principal> {
  const key = c.get('apiKey');
  if (key && !bearer(c)) return { kind: 'api_key', key, scopes: JSON.parse(key.scopes) as string[] };
  return requireUser(c);
}

/** 403 `Permission denied: <scope>` unless the API key holds the scope (`*` and `resource:*` count). */
export function requireScope(p: ApiKeyPrincipal, scope: string): void {
  const [resource] = scope.split(':');
  if (p.scopes.includes('*') || p.scopes.includes(scope) || p.scopes.includes(`${resource}:*`)) return;
  throw new HttpError(403, `Permission denied: ${scope}`);
}

/** The client's IP and user agent for session rows. */
export function clientInfo(c: Context<Env>): { ip: string | null; userAgent: string | null } {
  return {
    ip: c.env?.incoming?.socket?.remoteAddress?.replace(/^::ffff:/, '') ?? null,
    userAgent: c.req.header('user-agent') ?? null,
  };
}
