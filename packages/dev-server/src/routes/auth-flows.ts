import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Dev, Env } from '../context';
import { HttpError } from '../errors';
import { isAllowedRedirect, withToken } from '../services/links';
import { consumeOneTimeToken, issueOneTimeToken } from '../services/one-time-tokens';
import { sendMessage } from '../services/outbox';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '../services/passwords';
import { clientInfo, requireUser } from '../services/principal';
import { createSession, revokeUserSessions } from '../services/sessions';
import { announceUserChange } from '../services/user-events';
import { getUserByEmail, getUserById, insertUser, type UserRow, updateUser } from '../services/users';
import { sendVerificationEmail } from '../services/verification';
import { emailSchema, jsonBody } from '../validate';
import { signInResponse } from './auth';

const HOUR = 3600_000;

const html = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${body}</p></body></html>`;

/** §4.1 passwords, email verification and magic links. */
export function authFlowRoutes(): Hono<Env> {
  const app = new Hono<Env>();

  app.post('/password/forgot', async (c) => {
    const dev = c.get('dev');
    const body = await jsonBody(c, z.object({ email: emailSchema, redirect_base: z.string().nullish() }));
    const user = getUserByEmail(dev, body.email);
    if (user && user.status === 'active') {
      const token = issueOneTimeToken(dev, 'password_reset', HOUR, { userId: user.id });
      // An off-list redirect_base is silently replaced by the hosted page (§4.1).
      const base =
        body.redirect_base && isAllowedRedirect(dev, body.redirect_base)
          ? body.redirect_base
          : `${dev.config.url}/api/v1/auth/reset-password`;
      sendMessage(dev, {
        channel: 'email',
        to: user.email,
        template: 'password_reset',
        subject: 'Reset your password',
        token,
        link: withToken(base, token),
      });
    }
    return c.json({ message: 'If the email exists, a password reset link has been sent' });
  });

  app.post('/password/reset', async (c) => {
    const dev = c.get('dev');
    const body = await jsonBody(c, z.object({ token: z.string().min(1), new_password: z.string().min(8) }));
    checkPasswordPolicy(body.new_password);
    const consumed = consumeOneTimeToken(dev, 'password_reset', body.token);
    const user = consumed?.userId ? getUserById(dev, consumed.userId) : undefined;
    if (!user) throw new HttpError(400, 'Invalid or expired reset token');
    updateUser(dev, user.id, {
      password_hash: await hashPassword(body.new_password, dev.config.scryptN),
      email_verified: 1,
      failed_attempts: 0,
      locked_until: null,
    });
    // Whoever knew the old password must not stay signed in.
    revokeUserSessions(dev, user.id, null, 'password_reset');
    const after = getUserById(dev, user.id) as UserRow;
    dev.events.emit('security.password.reset', { user: after });
    // The reset link proved the mailbox: an unverified address is verified now.
    announceUserChange(dev, user, after, {}, ['user.verified']);
    return c.json({ message: 'Password successfully reset' });
  });

  app.post('/password/change', async (c) => {
    const dev = c.get('dev');
    const { user, session } = await requireUser(c);
    const body = await jsonBody(c, z.object({ current_password: z.string(), new_password: z.string().min(8) }));
    if (!(await verifyPassword(body.current_password, user.password_hash))) {
      throw new HttpError(400, 'Current password is incorrect');
    }
    checkPasswordPolicy(body.new_password);
    updateUser(dev, user.id, { password_hash: await hashPassword(body.new_password, dev.config.scryptN) });
    revokeUserSessions(dev, user.id, session.id, 'password_changed');
    dev.events.emit('security.password.changed', { user });
    return c.json({ message: 'Password successfully changed' });
  });

  const verifyEmail = async (c: import('hono').Context<Env>) => {
    const dev = c.get('dev');
    const body = await jsonBody(c, z.object({ token: z.string().min(1) }));
    const consumed = consumeOneTimeToken(dev, 'verify_email', body.token);
    const user = consumed?.userId ? getUserById(dev, consumed.userId) : undefined;
    if (!user || user.email !== consumed?.email) throw new HttpError(400, 'Invalid or expired verification token');
    const updated = updateUser(dev, user.id, { email_verified: 1 });
    // Once per address: a second link (or one after a magic link verified it) changes nothing.
    announceUserChange(dev, user, updated, {}, ['user.verified']);
    return c.json({ message: 'Email successfully verified' });
  };
  app.post('/email/verify', verifyEmail);
  app.post('/verify-email', verifyEmail);

  app.post('/email/resend-verification', async (c) => {
    const dev = c.get('dev');
    const { user } = await requireUser(c);
    if (user.email_verified === 1) throw new HttpError(400, 'Email already verified');
    sendVerificationEmail(dev, user);
    return c.json({ message: 'Verification email sent' });
  });

  app.post('/magic-link', async (c) => {
    const dev = c.get('dev');
    const body = await jsonBody(c, z.object({ email: emailSchema, redirect_url: z.string().nullish() }));
    if (body.redirect_url && !isAllowedRedirect(dev, body.redirect_url)) {
      throw new HttpError(
        400,
        'redirect_url host is not on the allowed list; add it to CORS_ORIGINS before requesting links for it',
      );
    }
    let user = getUserByEmail(dev, body.email);
    if (!user) {
      // An unknown email gets a passwordless, verified account (§4.1).
      user = insertUser(dev, { id: randomUUID(), email: body.email, email_verified: 1 });
      dev.events.emit('user.created', { user });
    }
    const token = issueOneTimeToken(dev, 'magic_link', 15 * 60_000, {
      userId: user.id,
      data: { redirect_url: body.redirect_url ?? null },
    });
    sendMessage(dev, {
      channel: 'email',
      to: user.email,
      template: 'magic_link',
      subject: 'Your sign-in link',
      token,
      link: withToken(body.redirect_url ?? `${dev.config.url}/api/v1/auth/magic-link/callback`, token),
    });
    return c.json({ message: 'Magic link sent to email' });
  });

  const redeemMagicLink = async (dev: Dev, token: string) => {
    const consumed = consumeOneTimeToken(dev, 'magic_link', token);
    const user = consumed?.userId ? getUserById(dev, consumed.userId) : undefined;
    return consumed && user ? { consumed, user } : null;
  };

  app.post('/magic-link/verify', async (c) => {
    const dev = c.get('dev');
    const body = await jsonBody(c, z.object({ token: z.string().min(1) }));
    const redeemed = await redeemMagicLink(dev, body.token);
    if (!redeemed) throw new HttpError(400, 'Invalid or expired magic link');
    if (redeemed.user.status !== 'active') throw new HttpError(400, 'User not found');
    const user = updateUser(dev, redeemed.user.id, { last_sign_in_at: dev.clock.now(), email_verified: 1 });
    announceUserChange(dev, redeemed.user, user, {}, ['user.verified']);
    const { session, tokens } = await createSession(dev, user, clientInfo(c));
    dev.events.emit('session.created', { user, session });
    return c.json(await signInResponse(dev, user, session, tokens));
  });

  app.get('/magic-link/callback', async (c) => {
    const dev = c.get('dev');
    const redeemed = await redeemMagicLink(dev, c.req.query('token') ?? '');
    const redirect = redeemed?.consumed.data.redirect_url;
    if (!redeemed || typeof redirect !== 'string' || redeemed.user.status !== 'active') {
      return c.html(html('Sign-in link invalid', 'This link is invalid, used or expired.'), 400);
    }
    // The same sign-in as POST /magic-link/verify, so the same events (§4.8).
    const user = updateUser(dev, redeemed.user.id, { last_sign_in_at: dev.clock.now(), email_verified: 1 });
    announceUserChange(dev, redeemed.user, user, {}, ['user.verified']);
    const { session, tokens } = await createSession(dev, user, clientInfo(c));
    dev.events.emit('session.created', { user, session });
    return c.redirect(withToken(redirect, tokens.access_token), 302);
  });

  app.get('/reset-password', (c) =>
    c.html(html('Reset your password', 'Use the Janua SDK resetPassword() with the token from this link.')),
  );
  return app;
}
