import { randomUUID } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { z } from 'zod';
import { iso } from '../clock';
import type { Dev, Env } from '../context';
import { HttpError } from '../errors';
import { isAllowedRedirect } from '../services/links';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '../services/passwords';
import { clientInfo, isApiKeyValue, requireUser } from '../services/principal';
import {
  announceExpired,
  createSession,
  getSession,
  isLive,
  revokeFamily,
  revokeSession,
  rotateRefreshToken,
  type SessionRow,
  toSessionSummary,
} from '../services/sessions';
import {
  type AccessClaims,
  issueTokenPair,
  newJti,
  sessionOfExpiredRefreshToken,
  verifyAccessToken,
  verifyRefreshToken,
} from '../services/tokens';
import { getUserByEmail, getUserById, insertUser, toAuthUser, type UserRow, updateUser } from '../services/users';
import { sendVerificationEmail } from '../services/verification';
import { emailSchema, jsonBody } from '../validate';

const signUpSchema = z.object({
  email: emailSchema,
  password: z.string().min(8),
  first_name: z.string().max(100).nullish(),
  last_name: z.string().max(100).nullish(),
  username: z
    .string()
    .min(3)
    .max(50)
    .regex(/^[A-Za-z0-9_-]+$/)
    .nullish(),
  locale: z.string().max(35).nullish(),
});

const signInSchema = z.object({
  email: z.string().trim().toLowerCase().nullish(),
  username: z.string().nullish(),
  password: z.string().min(1),
});

const LOCK_MS = 15 * 60_000;
const MAX_FAILURES = 5;

/** A valid hash to compare against when the user does not exist, so timing does not tell. */
let dummyHash: Promise<string> | undefined;

export async function signInResponse(dev: Dev, user: UserRow, session: SessionRow, tokens: unknown) {
  return {
    user: toAuthUser(getUserById(dev, user.id) as UserRow),
    tokens,
    mfa_required: false,
    mfa_token: null,
    session: toSessionSummary(session),
  };
}

/** Hooks other route modules register to run at sign-in (MFA gate, audit, webhooks). */
export interface SignInHooks {
  /** Returns an `mfa_token` when the user must pass MFA first. */
  mfaChallenge?: (dev: Dev, user: UserRow) => Promise<string | null>;
}

/** §4.1 sign-up, sign-in, refresh, sign-out, me. */
export function authRoutes(hooks: SignInHooks = {}): Hono<Env> {
  const app = new Hono<Env>();

  const signUp = async (c: import('hono').Context<Env>) => {
    const dev = c.get('dev');
    const body = await jsonBody(c, signUpSchema);
    checkPasswordPolicy(body.password);
    if (getUserByEmail(dev, body.email)) throw new HttpError(400, 'Email already registered');
    if (body.username && dev.db.prepare('SELECT 1 FROM users WHERE username = ?').get(body.username)) {
      throw new HttpError(400, 'Username already taken');
    }
    const user = insertUser(dev, {
      id: randomUUID(),
      email: body.email,
      password_hash: await hashPassword(body.password, dev.config.scryptN),
      first_name: body.first_name ?? null,
      last_name: body.last_name ?? null,
      username: body.username ?? null,
      locale: body.locale ?? null,
      last_sign_in_at: dev.clock.now(),
    });
    dev.events.emit('user.created', { user });
    sendVerificationEmail(dev, user);
    const { session, tokens } = await createSession(dev, user, clientInfo(c));
    dev.events.emit('session.created', { user, session });
    return c.json(await signInResponse(dev, user, session, tokens));
  };
  app.post('/signup', signUp);
  app.post('/register', signUp);

  const signIn = async (c: import('hono').Context<Env>) => {
    const dev = c.get('dev');
    const body = await jsonBody(c, signInSchema);
    if (!body.email && !body.username) throw new HttpError(400, 'Email or username is required');
    const user = body.email
      ? getUserByEmail(dev, body.email)
      : (dev.db.prepare('SELECT * FROM users WHERE username = ?').get(body.username) as UserRow | undefined);
    const now = dev.clock.now();
    if (!user || user.status === 'deleted') {
      dummyHash ??= hashPassword('not-a-real-password', dev.config.scryptN);
      await verifyPassword(body.password, await dummyHash);
      throw new HttpError(401, 'Invalid credentials');
    }
    if (user.locked_until !== null && user.locked_until > now) {
      const minutes = Math.ceil((user.locked_until - now) / 60_000);
      throw new HttpError(
        423,
        `Account temporarily locked due to too many failed login attempts. Please try again in ${minutes} minute(s).`,
        'ACCOUNT_LOCKED',
        // §1.8: naive UTC like every other timestamp the server emits (the `Z`-less form).
        { locked_until: iso(user.locked_until), reason: 'too_many_failed_attempts' },
      );
    }
    if (!(await verifyPassword(body.password, user.password_hash))) {
      const failures = user.failed_attempts + 1;
      dev.events.emit('auth.signin_failed', { user });
      if (failures >= MAX_FAILURES) {
        updateUser(dev, user.id, { failed_attempts: 0, locked_until: now + LOCK_MS });
        dev.events.emit('security.suspicious_activity', { user, reason: 'account_locked' });
        throw new HttpError(
          423,
          'Account locked due to too many failed login attempts. Please try again in 15 minute(s).',
          'ACCOUNT_LOCKED',
          { locked_until: iso(now + LOCK_MS), reason: 'too_many_failed_attempts' },
        );
      }
      updateUser(dev, user.id, { failed_attempts: failures });
      throw new HttpError(401, 'Invalid credentials');
    }
    if (user.status === 'suspended') throw new HttpError(403, 'Account suspended');
    if (user.status !== 'active') throw new HttpError(403, 'Account is not active');
    updateUser(dev, user.id, { failed_attempts: 0, locked_until: null });
    const mfaToken = hooks.mfaChallenge ? await hooks.mfaChallenge(dev, user) : null;
    if (mfaToken) {
      return c.json({ user: toAuthUser(user), tokens: null, mfa_required: true, mfa_token: mfaToken });
    }
    updateUser(dev, user.id, { last_sign_in_at: now });
    const { session, tokens } = await createSession(dev, user, clientInfo(c));
    dev.events.emit('session.created', { user, session });
    return c.json(await signInResponse(dev, user, session, tokens));
  };
  app.post('/signin', signIn);
  app.post('/login', signIn);

  app.post('/refresh', async (c) => {
    const dev = c.get('dev');
    const body = await jsonBody(c, z.object({ refresh_token: z.string().min(1) }));
    const claims = await verifyRefreshToken(dev, body.refresh_token).catch(async (err: unknown) => {
      // A refresh token outlives nothing: past its `exp`, its session has expired too.
      const sid = await sessionOfExpiredRefreshToken(dev, body.refresh_token);
      const expired = sid ? getSession(dev, sid) : undefined;
      if (expired) announceExpired(dev, [expired]);
      throw err;
    });
    const session = getSession(dev, claims.sid);
    const invalid = () => new HttpError(401, 'Invalid or expired refresh token');
    if (!session || session.revoked_at !== null) throw invalid();
    if (session.expires_at <= dev.clock.now()) {
      announceExpired(dev, [session]);
      throw invalid();
    }
    if (session.refresh_jti !== claims.jti) {
      // Reuse of a rotated token: someone holds a stolen copy. Revoke the whole family (§3.2).
      revokeFamily(dev, session.family);
      dev.events.emit('session.revoked', {
        userId: session.user_id,
        sessionId: session.id,
        reason: 'refresh_token_reuse',
      });
      dev.events.emit('security.suspicious_activity', {
        userId: session.user_id,
        sessionId: session.id,
        reason: 'refresh_token_reuse',
      });
      throw invalid();
    }
    const user = getUserById(dev, session.user_id);
    if (user?.status !== 'active') throw invalid();
    const jti = newJti();
    if (!rotateRefreshToken(dev, session, claims.jti, jti)) throw invalid();
    return c.json(await issueTokenPair(dev, user, session, jti));
  });

  const signOut = async (c: import('hono').Context<Env>) => {
    const dev = c.get('dev');
    const { session, user } = await requireUser(c);
    revokeSession(dev, session.id);
    dev.events.emit('session.revoked', { userId: user.id, sessionId: session.id, reason: 'signout' });
    return c.json({ message: 'Successfully signed out' });
  };
  app.post('/signout', signOut);
  app.post('/logout', signOut);

  app.get('/me', async (c) => {
    const { user } = await requireUser(c);
    return c.json(toAuthUser(user));
  });

  // §3.4: the one route that also reads the `access_token` cookie set by the OAuth/SSO callbacks.
  // Upstream answers 500 whenever a token is present (§6.3); this is the declared behaviour.
  app.get('/session', async (c) => {
    const dev = c.get('dev');
    const token = getCookie(c, 'access_token') || bearerToken(c);
    if (!token) throw new HttpError(401, 'No session cookie or bearer token found');
    let claims: AccessClaims;
    try {
      claims = await verifyAccessToken(dev, token);
    } catch {
      throw new HttpError(401, 'Invalid or expired session');
    }
    if (!isLive(dev, getSession(dev, claims.sid))) throw new HttpError(401, 'Invalid or expired session');
    const user = getUserById(dev, claims.sub);
    if (user?.status !== 'active') throw new HttpError(401, 'User not found or inactive');
    return c.json({
      authenticated: true,
      user: {
        id: user.id,
        email: user.email,
        username: user.username,
        first_name: user.first_name,
        last_name: user.last_name,
        email_verified: user.email_verified === 1,
        roles: [],
        permissions: [],
        is_admin: user.is_admin === 1,
      },
      // The presented access token's `exp`: that is what this cookie or bearer token is good for.
      session: { expires_at: claims.exp as number },
    });
  });
  return app;
}

/** A bearer token from `Authorization` that is not an API key. */
function bearerToken(c: Context<Env>): string | null {
  const match = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization')?.trim() ?? '');
  return match?.[1] && !isApiKeyValue(match[1]) ? match[1] : null;
}

/** The live session a browser's cookies (or a bearer token) belong to, if any. */
async function sessionOfRequest(c: Context<Env>): Promise<SessionRow | null> {
  const dev = c.get('dev');
  const attempts: [string | null | undefined, (dev: Dev, token: string) => Promise<{ sid: string }>][] = [
    [getCookie(c, 'access_token'), verifyAccessToken],
    [getCookie(c, 'refresh_token'), verifyRefreshToken],
    [bearerToken(c), verifyAccessToken],
  ];
  for (const [token, verify] of attempts) {
    if (!token) continue;
    const claims = await verify(dev, token).catch(() => null);
    const session = claims ? getSession(dev, claims.sid) : undefined;
    if (isLive(dev, session)) return session;
  }
  return null;
}

const SIGNED_OUT_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Signed out</title></head>
<body><h1>You have been signed out</h1><p>You can close this window.</p></body></html>`;

/**
 * Root `GET /logout` (§1.1), the `end_session_endpoint` of the OIDC discovery document (§3.4):
 * a browser navigation that ends the session its cookies belong to (the `access_token` /
 * `refresh_token` cookies of the OAuth/SSO callbacks, or a bearer token), clears those cookies,
 * then 302s to `post_logout_redirect_uri` (allow-list of §7.1, `state` appended) or shows a
 * signed-out page. Without a live session it still clears the cookies: logging out is idempotent.
 */
export function rootLogoutRoutes(): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/logout', async (c) => {
    const dev = c.get('dev');
    const redirect = c.req.query('post_logout_redirect_uri');
    if (redirect && !isAllowedRedirect(dev, redirect)) throw new HttpError(400, 'Invalid post_logout_redirect_uri');
    const session = await sessionOfRequest(c);
    if (session && revokeSession(dev, session.id)) {
      dev.events.emit('session.revoked', { userId: session.user_id, sessionId: session.id, reason: 'logout' });
    }
    const secure = dev.config.url.startsWith('https:');
    for (const name of ['access_token', 'refresh_token']) {
      if (getCookie(c, name) !== undefined) deleteCookie(c, name, { path: '/', secure });
    }
    if (!redirect) return c.html(SIGNED_OUT_PAGE);
    const state = c.req.query('state');
    const target = new URL(redirect);
    if (state) target.searchParams.set('state', state);
    return c.redirect(target.toString(), 302);
  });
  return app;
}
