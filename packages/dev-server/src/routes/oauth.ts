import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { isoNaive } from '../clock';
import type { Dev, Env } from '../context';
import { HttpError } from '../errors';
import { isAllowedRedirect, withToken } from '../services/links';
import { consumeOneTimeToken, issueOneTimeToken } from '../services/one-time-tokens';
import { clientInfo, requireUser } from '../services/principal';
import { createSession } from '../services/sessions';
import { getUserByEmail, getUserById, insertUser, type UserRow, updateUser } from '../services/users';
import { sql } from '../store/db';

export const OAUTH_PROVIDERS = [
  'google',
  'github',
  'microsoft',
  'apple',
  'discord',
  'twitter',
  'linkedin',
  'slack',
] as const;
const NAMES: Record<string, string> = {
  google: 'Google',
  github: 'GitHub',
  microsoft: 'Microsoft',
  apple: 'Apple',
  discord: 'Discord',
  twitter: 'Twitter',
  linkedin: 'LinkedIn',
  slack: 'Slack',
};
const TEN_MIN = 10 * 60_000;

function provider(name: string): string {
  if (!(OAUTH_PROVIDERS as readonly string[]).includes(name)) throw new HttpError(400, `Invalid provider: ${name}`);
  return name;
}

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

interface StateData {
  provider: string;
  action: 'signin' | 'link';
  user_id?: string;
  redirect_uri?: string | null;
  code_verifier: string;
}

/** Starts a flow: a single-use state (10 min) that also carries the server's PKCE verifier. */
function startFlow(
  dev: Dev,
  p: string,
  data: Omit<StateData, 'code_verifier' | 'provider'>,
  /** A path on this server, or an app's absolute URL (already checked against the allow-list). */
  callbackPath: string,
  scopes?: string,
) {
  const code_verifier = randomBytes(32).toString('base64url');
  const state = issueOneTimeToken(dev, 'oauth_state', TEN_MIN, {
    userId: data.user_id,
    data: { ...data, provider: p, code_verifier },
  });
  const url = new URL(`${dev.config.url}/__dev/oauth/${p}/authorize`);
  url.searchParams.set('state', state);
  url.searchParams.set(
    'redirect_uri',
    /^https?:/.test(callbackPath) ? callbackPath : `${dev.config.url}${callbackPath}`,
  );
  url.searchParams.set('scope', ['openid', 'email', 'profile', ...(scopes ? scopes.split(',') : [])].join(' '));
  url.searchParams.set('code_challenge', s256(code_verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  return { authorization_url: url.toString(), state, provider: p };
}

/** Redeems state + code; the code must have been issued for the state's PKCE challenge. */
function finishFlow(dev: Dev, p: string, code: string | undefined, state: string | undefined) {
  const consumed = state ? consumeOneTimeToken(dev, 'oauth_state', state) : null;
  if (!consumed) throw new HttpError(400, 'Invalid or expired state token. Please try again.');
  const data = consumed.data as unknown as StateData;
  if (data.provider !== p) throw new HttpError(400, 'State token provider mismatch');
  const profile = code ? consumeOneTimeToken(dev, 'oauth_code', code) : null;
  if (!profile || profile.data.code_challenge !== s256(data.code_verifier) || profile.data.provider !== p) {
    throw new HttpError(401, 'OAuth authentication failed');
  }
  return { data, email: String(profile.data.email).toLowerCase(), name: String(profile.data.name ?? '') };
}

function linkAccount(dev: Dev, userId: string, p: string, email: string) {
  const now = dev.clock.now();
  sql(
    dev.db,
    `INSERT INTO oauth_accounts (id, user_id, provider, provider_email, created_at, updated_at) VALUES (?,?,?,?,?,?)
     ON CONFLICT (user_id, provider) DO UPDATE SET provider_email = excluded.provider_email, updated_at = excluded.updated_at`,
  ).run(randomUUID(), userId, p, email, now, now);
}

const linked = (dev: Dev, userId: string, p: string) =>
  sql(dev.db, 'SELECT * FROM oauth_accounts WHERE user_id = ? AND provider = ?').get(userId, p) as
    | { provider_email: string; created_at: number; updated_at: number }
    | undefined;

/** §4.2 social OAuth (API mode, §7.5: the dev server is its own stand-in provider). */
export function oauthRoutes(): Hono<Env> {
  const app = new Hono<Env>();

  app.get('/providers', (c) =>
    c.json({ providers: OAUTH_PROVIDERS.map((p) => ({ provider: p, name: NAMES[p], enabled: true })) }),
  );

  app.post('/authorize/:provider', (c) => {
    const dev = c.get('dev');
    const p = provider(c.req.param('provider'));
    const q = c.req.query();
    for (const url of [q.redirect_to, q.redirect_uri]) {
      if (url && !isAllowedRedirect(dev, url)) {
        throw new HttpError(400, 'Redirect URL domain not allowed. Add it to the allowed origins.');
      }
    }
    // §7.5: the stand-in provider sends the browser back to the app's own `redirect_uri` when one
    // is given (its callback takes the code whatever the redirect was), so an app page can call
    // handleOAuthCallback; without one, to the API's callback, as upstream always does (§4.2).
    return c.json(
      startFlow(
        dev,
        p,
        { action: 'signin', redirect_uri: q.redirect_uri ?? null },
        q.redirect_uri ?? `/api/v1/auth/oauth/callback/${p}`,
        q.scopes,
      ),
    );
  });

  app.get('/callback/:provider', async (c) => {
    const dev = c.get('dev');
    const p = provider(c.req.param('provider'));
    const { email, name } = finishFlow(dev, p, c.req.query('code'), c.req.query('state'));
    let user = getUserByEmail(dev, email);
    const isNew = !user;
    if (!user) {
      const [first, ...rest] = name.split(' ');
      user = insertUser(dev, {
        id: randomUUID(),
        email,
        email_verified: 1,
        first_name: first || null,
        last_name: rest.join(' ') || null,
      });
      dev.events.emit('user.created', { user });
    }
    if (user.status !== 'active') throw new HttpError(401, 'OAuth authentication failed');
    // The first sign-in with a provider links it to the account (§4.8 `oauth.account.linked`).
    const firstLink = !linked(dev, user.id, p);
    linkAccount(dev, user.id, p, email);
    if (firstLink) dev.events.emit('oauth.account.linked', { user, provider: p });
    user = updateUser(dev, user.id, { last_sign_in_at: dev.clock.now() });
    const { session, tokens } = await createSession(dev, user, clientInfo(c));
    dev.events.emit('session.created', { user, session });
    return c.json({
      ...tokens,
      user: {
        id: user.id,
        email: user.email,
        first_name: user.first_name,
        last_name: user.last_name,
        profile_image_url: user.profile_image_url,
      },
      is_new_user: isNew,
    });
  });

  app.post('/link/:provider', async (c) => {
    const dev = c.get('dev');
    const { user } = await requireUser(c);
    const p = provider(c.req.param('provider'));
    if (linked(dev, user.id, p)) throw new HttpError(400, `${p} account is already linked`);
    const redirect = c.req.query('redirect_uri') ?? null;
    if (redirect && !isAllowedRedirect(dev, redirect)) throw new HttpError(400, 'Redirect URL domain not allowed.');
    const flow = startFlow(
      dev,
      p,
      { action: 'link', user_id: user.id, redirect_uri: redirect },
      `/api/v1/auth/oauth/link/callback/${p}`,
    );
    return c.json({ ...flow, action: 'link' });
  });

  app.get('/link/callback/:provider', (c) => {
    const dev = c.get('dev');
    const p = provider(c.req.param('provider'));
    const { data, email } = finishFlow(dev, p, c.req.query('code'), c.req.query('state'));
    const user = data.user_id ? getUserById(dev, data.user_id) : undefined;
    if (data.action !== 'link' || !user) throw new HttpError(400, 'Invalid or expired state token. Please try again.');
    const owner = sql(dev.db, 'SELECT user_id FROM oauth_accounts WHERE provider = ? AND provider_email = ?').get(
      p,
      email,
    ) as { user_id: string } | undefined;
    if (owner && owner.user_id !== user.id) throw new HttpError(400, `This ${p} account is linked to another user`);
    linkAccount(dev, user.id, p, email);
    dev.events.emit('oauth.account.linked', { user, provider: p });
    if (data.redirect_uri) return c.redirect(withToken(data.redirect_uri, p, 'linked'), 302);
    return c.json({
      status: 'success',
      message: `${NAMES[p]} account linked successfully`,
      provider: p,
      provider_email: email,
    });
  });

  app.delete('/unlink/:provider', async (c) => {
    const dev = c.get('dev');
    const { user } = await requireUser(c);
    const p = provider(c.req.param('provider'));
    if (!linked(dev, user.id, p)) throw new HttpError(404, `${p} account is not linked`);
    const others =
      (sql(dev.db, 'SELECT COUNT(*) AS n FROM oauth_accounts WHERE user_id = ?').get(user.id) as { n: number }).n - 1;
    if (!user.password_hash && others === 0) {
      throw new HttpError(400, 'Cannot unlink the only authentication method. Please set a password first.');
    }
    sql(dev.db, 'DELETE FROM oauth_accounts WHERE user_id = ? AND provider = ?').run(user.id, p);
    dev.events.emit('oauth.account.unlinked', { user, provider: p });
    return c.json({ message: `${NAMES[p]} account unlinked successfully`, provider: p });
  });

  app.get('/accounts', async (c) => {
    const dev = c.get('dev');
    const { user } = await requireUser(c);
    const rows = OAUTH_PROVIDERS.map((p) => {
      const row = linked(dev, user.id, p);
      return {
        provider: p,
        name: NAMES[p],
        linked: !!row,
        enabled: true,
        ...(row
          ? {
              provider_email: row.provider_email,
              linked_at: isoNaive(row.created_at),
              last_updated: isoNaive(row.updated_at),
            }
          : {}),
      };
    });
    const passkeys = (sql(dev.db, 'SELECT COUNT(*) AS n FROM passkeys WHERE user_id = ?').get(user.id) as { n: number })
      .n;
    return c.json({
      oauth_accounts: rows,
      auth_methods: { password: !!user.password_hash, mfa_enabled: mfaEnabled(dev, user), passkeys_count: passkeys },
      total_linked: rows.filter((r) => r.linked).length,
    });
  });
  return app;
}

function mfaEnabled(dev: Dev, user: UserRow): boolean {
  const row = sql(dev.db, 'SELECT totp_verified, sms_verified FROM mfa_settings WHERE user_id = ?').get(user.id) as
    | { totp_verified: number; sms_verified: number }
    | undefined;
  return row?.totp_verified === 1 || row?.sms_verified === 1;
}

/** §7.5 stand-in provider: a form (or `login_hint` + `auto=1`) that redirects back with a code. */
export function standInOAuthRoutes(): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/:provider/authorize', (c) => {
    const dev = c.get('dev');
    const p = provider(c.req.param('provider'));
    const q = c.req.query();
    if (!q.redirect_uri || !q.state) throw new HttpError(400, 'redirect_uri and state are required');
    const back = new URL(q.redirect_uri);
    back.searchParams.set('state', q.state);
    if (q.deny === '1') {
      back.searchParams.set('error', 'access_denied');
      return c.redirect(back.toString(), 302);
    }
    const email = q.login_hint ?? q.email;
    if (q.auto === '1' && email) {
      const code = issueOneTimeToken(dev, 'oauth_code', TEN_MIN, {
        email,
        data: { provider: p, email, name: q.name ?? '', code_challenge: q.code_challenge ?? null },
      });
      back.searchParams.set('code', code);
      return c.redirect(back.toString(), 302);
    }
    const hidden = Object.entries(q)
      .filter(([k]) => !['email', 'name', 'auto', 'login_hint'].includes(k))
      .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
      .join('');
    return c.html(
      `<!doctype html><html><body><h1>Sign in with ${NAMES[p]} (Janua dev stand-in)</h1><form method="get">${hidden}<input type="hidden" name="auto" value="1"><label>Email <input name="email" type="email" required></label><label>Name <input name="name"></label><button>Continue</button></form></body></html>`,
    );
  });
  return app;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
