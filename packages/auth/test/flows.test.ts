import { AuthenticationError, createJanua, getTokens, NotFoundError, ValidationError } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  changePassword,
  getCurrentUser,
  getOAuthUrl,
  handleOAuthCallback,
  linkOAuthAccount,
  listOAuthAccounts,
  listOAuthProviders,
  OAUTH_PROVIDERS,
  refreshTokens,
  requestPasswordReset,
  resendVerificationEmail,
  resetPassword,
  sendMagicLink,
  signIn,
  signUp,
  unlinkOAuthAccount,
  verifyEmail,
  verifyMagicLink,
} from '../src/index';
import { PASSWORD, rejectionOf, uniqueEmail } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer();
});
afterAll(() => server.close());

const make = () => createJanua({ baseUrl: server.url, env: {} });
const latest = (to: string, template: string) => {
  const [msg] = server.outbox({ to, template });
  if (!msg?.token) throw new Error(`no ${template} mail for ${to}`);
  return msg;
};
/** Follows the stand-in provider's redirect like a browser would, without following into the callback. */
async function providerRedirect(url: string, email: string, extra = 'auto=1'): Promise<string> {
  const res = await fetch(`${url}&login_hint=${encodeURIComponent(email)}&${extra}`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return res.headers.get('location') as string;
}

describe('passwords', () => {
  test('reset: token from the outbox, single use, old password dead, other sessions revoked', async () => {
    const email = uniqueEmail();
    const janua = make();
    await signUp(janua, { email, password: PASSWORD });
    await requestPasswordReset(make(), { email, redirectBase: 'http://localhost:3000/reset' });
    const mail = latest(email, 'password_reset');
    expect(mail.link).toBe(`http://localhost:3000/reset?token=${mail.token}`);
    await resetPassword(make(), { token: mail.token as string, newPassword: 'Brand-New-Pass-2!' });
    expect(
      (await rejectionOf(resetPassword(make(), { token: mail.token as string, newPassword: 'Brand-New-Pass-3!' })))
        .message,
    ).toBe('Invalid or expired reset token');
    expect(await rejectionOf(signIn(make(), { email, password: PASSWORD }))).toBeInstanceOf(AuthenticationError);
    expect((await signIn(make(), { email, password: 'Brand-New-Pass-2!' })).status).toBe('signedIn');
    expect(await rejectionOf(getCurrentUser(janua))).toBeInstanceOf(AuthenticationError);
  });

  test('reset token expires after an hour; unknown email sends nothing but answers the same', async () => {
    const email = uniqueEmail();
    await signUp(make(), { email, password: PASSWORD });
    await requestPasswordReset(make(), { email });
    const mail = latest(email, 'password_reset');
    expect(mail.link).toContain('/api/v1/auth/reset-password?token=');
    server.advanceClock(61 * 60_000);
    try {
      const err = await rejectionOf(
        resetPassword(make(), { token: mail.token as string, newPassword: 'Brand-New-Pass-2!' }),
      );
      expect(err).toBeInstanceOf(ValidationError);
    } finally {
      server.advanceClock(-61 * 60_000);
    }
    const nobody = uniqueEmail('nobody');
    await requestPasswordReset(make(), { email: nobody });
    expect(server.outbox({ to: nobody })).toHaveLength(0);
  });

  test('change password: wrong current password, policy, other sessions signed out', async () => {
    const email = uniqueEmail();
    const a = make();
    const b = make();
    await signUp(a, { email, password: PASSWORD });
    await signIn(b, { email, password: PASSWORD });
    expect(
      (await rejectionOf(changePassword(a, { currentPassword: 'Wrong-Pass-1!', newPassword: 'Brand-New-Pass-2!' })))
        .message,
    ).toBe('Current password is incorrect');
    expect(
      (await rejectionOf(changePassword(a, { currentPassword: PASSWORD, newPassword: 'nouppercase12!' }))).message,
    ).toMatch(/uppercase/);
    await changePassword(a, { currentPassword: PASSWORD, newPassword: 'Brand-New-Pass-2!' });
    expect((await getCurrentUser(a)).email).toBe(email);
    expect(await rejectionOf(getCurrentUser(b))).toBeInstanceOf(AuthenticationError);
    expect(await getTokens(b)).toBeNull(); // its refresh token was revoked too, so the SDK signed it out
  });
});

describe('email verification', () => {
  test('sign-up mails a link; verifying flips emailVerified; resend refuses once verified', async () => {
    const email = uniqueEmail();
    const janua = make();
    await signUp(janua, { email, password: PASSWORD });
    const first = latest(email, 'verify_email');
    await resendVerificationEmail(janua);
    // The resend really sends a second mail; verify with that one.
    expect(server.outbox({ to: email, template: 'verify_email' })).toHaveLength(2);
    const mail = latest(email, 'verify_email');
    expect(mail.token).not.toBe(first.token);
    expect(mail.link).toBe(`${server.url}/auth/verify-email?token=${mail.token}`);
    await verifyEmail(make(), { token: mail.token as string });
    expect((await getCurrentUser(janua)).emailVerified).toBe(true);
    expect((await rejectionOf(verifyEmail(make(), { token: mail.token as string }))).message).toBe(
      'Invalid or expired verification token',
    );
    expect((await rejectionOf(resendVerificationEmail(janua))).message).toBe('Email already verified');
  });
});

describe('magic links', () => {
  test('a link signs in once; an unknown email gets a passwordless account', async () => {
    const email = uniqueEmail('magic');
    await sendMagicLink(make(), { email, redirectUrl: 'http://localhost:3000/magic' });
    const mail = latest(email, 'magic_link');
    expect(mail.link).toBe(`http://localhost:3000/magic?token=${mail.token}`);
    const janua = make();
    const result = await verifyMagicLink(janua, { token: mail.token as string });
    expect(result.status).toBe('signedIn');
    expect(result.user).toMatchObject({ email, emailVerified: true });
    expect((await getCurrentUser(janua)).email).toBe(email);
    expect((await rejectionOf(verifyMagicLink(make(), { token: mail.token as string }))).message).toBe(
      'Invalid or expired magic link',
    );
  });

  test('a redirect off the allow-list is refused; links expire after 15 minutes', async () => {
    const email = uniqueEmail('magic');
    const err = await rejectionOf(sendMagicLink(make(), { email, redirectUrl: 'https://evil.example/steal' }));
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.message).toMatch(/allowed list/);
    await sendMagicLink(make(), { email, redirectUrl: 'http://localhost:3000/magic' });
    const mail = latest(email, 'magic_link');
    server.advanceClock(16 * 60_000);
    try {
      expect(await rejectionOf(verifyMagicLink(make(), { token: mail.token as string }))).toBeInstanceOf(
        ValidationError,
      );
    } finally {
      server.advanceClock(-16 * 60_000);
    }
  });
});

describe('OAuth (stand-in provider, §7.5)', () => {
  test('providers', async () => {
    const providers = await listOAuthProviders(make());
    expect(providers.map((p) => p.provider)).toEqual([...OAUTH_PROVIDERS]);
  });

  test('the whole redirect flow: new user, then the same user again; state reuse rejected', async () => {
    const email = uniqueEmail('oauth');
    const janua = make();
    const start = await getOAuthUrl(janua, { provider: 'github', scopes: ['read:org'] });
    expect(start.url).toContain('code_challenge=');
    const callback = await providerRedirect(start.url, email);
    expect(callback).toContain('/api/v1/auth/oauth/callback/github?');
    const first = await handleOAuthCallback(janua, { provider: 'github', url: callback, expectedState: start.state });
    expect(first).toMatchObject({ isNewUser: true, user: { email } });
    expect((await getCurrentUser(janua)).email).toBe(email);
    const reused = await rejectionOf(
      handleOAuthCallback(make(), { provider: 'github', url: callback, expectedState: start.state }),
    );
    expect(reused).toBeInstanceOf(ValidationError);
    expect(reused.message).toBe('Invalid or expired state token. Please try again.');

    // On a Node server the callback arrives as a relative `req.url`.
    const again = await getOAuthUrl(make(), { provider: 'github' });
    const absolute = new URL(await providerRedirect(again.url, email));
    const second = await handleOAuthCallback(make(), {
      provider: 'github',
      url: absolute.pathname + absolute.search,
      expectedState: again.state,
    });
    expect(second).toMatchObject({ isNewUser: false, user: { id: first.user.id } });
  });

  test('an app page as redirectUri: the provider sends the browser there, and the page finishes the flow', async () => {
    const email = uniqueEmail('oauth');
    const janua = make();
    const start = await getOAuthUrl(janua, { provider: 'github', redirectUri: 'http://localhost:5173/callback' });
    const landing = new URL(await providerRedirect(start.url, email));
    expect(landing.origin + landing.pathname).toBe('http://localhost:5173/callback');
    const result = await handleOAuthCallback(janua, {
      provider: 'github',
      url: landing.href,
      expectedState: start.state,
    });
    expect(result.user.email).toBe(email);
    expect((await getCurrentUser(janua)).email).toBe(email);
    // A page off the allow-list is refused when the flow starts: no open redirect.
    const off = await rejectionOf(getOAuthUrl(make(), { provider: 'github', redirectUri: 'https://evil.example/cb' }));
    expect(off).toBeInstanceOf(ValidationError);
    expect(off.message).toMatch(/^Redirect URL domain not allowed/);
  });

  test('login CSRF: a valid callback link this client did not start is refused before any request', async () => {
    // The attacker starts a flow as themselves, stops at the callback and sends the link to the victim.
    const attacker = uniqueEmail('attacker');
    const start = await getOAuthUrl(make(), { provider: 'github' });
    const link = await providerRedirect(start.url, attacker);
    const victim = make();
    const own = await getOAuthUrl(victim, { provider: 'github' });
    const before = server.requests().length;
    for (const expectedState of [null, '', undefined as unknown as null]) {
      const err = await rejectionOf(handleOAuthCallback(victim, { provider: 'github', url: link, expectedState }));
      expect(err).toBeInstanceOf(ValidationError);
      expect(err.code).toBe('OAUTH_STATE_MISSING');
    }
    // The victim's own flow has another state: the attacker's link does not match it.
    const mismatch = await rejectionOf(
      handleOAuthCallback(victim, { provider: 'github', url: link, expectedState: own.state }),
    );
    expect(mismatch.code).toBe('OAUTH_STATE_MISMATCH');
    expect(server.requests().length).toBe(before);
    expect(await getTokens(victim)).toBeNull();
    // The attacker's link still works for the attacker's own client (so the refusal above was ours).
    const own2 = await handleOAuthCallback(make(), { provider: 'github', url: link, expectedState: start.state });
    expect(own2.user.email).toBe(attacker);
  });

  test('state mismatch, provider mismatch, denial and unknown providers are typed errors', async () => {
    const start = await getOAuthUrl(make(), { provider: 'google' });
    const callback = await providerRedirect(start.url, uniqueEmail('oauth'));
    expect(
      (await rejectionOf(handleOAuthCallback(make(), { provider: 'google', url: callback, expectedState: 'other' })))
        .code,
    ).toBe('OAUTH_STATE_MISMATCH');
    const state = new URL(callback).searchParams.get('state');
    const wrong = await rejectionOf(
      handleOAuthCallback(make(), { provider: 'slack', url: callback, expectedState: state }),
    );
    expect(wrong.message).toBe('State token provider mismatch');
    const denied = await providerRedirect(
      (await getOAuthUrl(make(), { provider: 'google' })).url,
      'x@example.test',
      'deny=1',
    );
    expect(
      await rejectionOf(handleOAuthCallback(make(), { provider: 'google', url: denied, expectedState: 'any' })),
    ).toBeInstanceOf(AuthenticationError);
    const before = server.requests().length;
    // A malformed URL is a ValidationError that does not repeat the input (its code and state).
    const malformed = await rejectionOf(
      handleOAuthCallback(make(), {
        provider: 'google',
        url: 'http://[bad?code=CODE-SECRET&state=STATE-SECRET',
        expectedState: 'STATE-SECRET',
      }),
    );
    expect(malformed).toBeInstanceOf(ValidationError);
    expect(`${JSON.stringify(malformed)} ${malformed.message}`).not.toMatch(/SECRET/);
    expect(await rejectionOf(getOAuthUrl(make(), { provider: 'facebook' as never }))).toBeInstanceOf(ValidationError);
    expect(server.requests().length).toBe(before);
  });

  test('link, list and unlink an account', async () => {
    const janua = make();
    const email = uniqueEmail();
    await signUp(janua, { email, password: PASSWORD });
    const { url } = await linkOAuthAccount(janua, {
      provider: 'discord',
      redirectUri: 'http://localhost:3000/settings',
    });
    const linkCallback = await providerRedirect(url, `discord-${email}`);
    const done = await fetch(linkCallback, { redirect: 'manual' });
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('http://localhost:3000/settings?linked=discord');
    const accounts = await listOAuthAccounts(janua);
    expect(accounts.totalLinked).toBe(1);
    expect(accounts.accounts.find((a) => a.provider === 'discord')).toMatchObject({
      linked: true,
      providerEmail: `discord-${email}`,
    });
    expect(accounts.authMethods.password).toBe(true);
    expect((await rejectionOf(linkOAuthAccount(janua, { provider: 'discord' }))).message).toBe(
      'discord account is already linked',
    );
    await unlinkOAuthAccount(janua, { provider: 'discord' });
    expect(await rejectionOf(unlinkOAuthAccount(janua, { provider: 'discord' }))).toBeInstanceOf(NotFoundError);
  });

  test('refreshTokens is re-exported and rotates', async () => {
    const janua = make();
    await signUp(janua, { email: uniqueEmail(), password: PASSWORD });
    const before = await getTokens(janua);
    const after = await refreshTokens(janua);
    expect(after.refreshToken).not.toBe(before?.refreshToken);
  });
});
