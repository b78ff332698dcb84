import type { Context } from 'hono';
import { Hono } from 'hono';
import { toDataURL } from 'qrcode';
import { z } from 'zod';
import { iso, isoNaive } from '../clock';
import type { Env } from '../context';
import { HttpError } from '../errors';
import {
  answerChallenge,
  backupCodesRemaining,
  consumeBackupCode,
  consumeSmsCode,
  consumeTotp,
  createChallenge,
  getMfa,
  isMfaEnabled,
  issueRecoveryCode,
  issueSmsCode,
  newTotpSecret,
  normaliseCode,
  openChallenge,
  replaceBackupCodes,
  totpFor,
  upsertMfa,
} from '../services/mfa';
import { sendMessage } from '../services/outbox';
import { verifyPassword } from '../services/passwords';
import { clientInfo, requireUser } from '../services/principal';
import { createSession } from '../services/sessions';
import { getUserByEmail, getUserById, type UserRow, updateUser } from '../services/users';
import { sql } from '../store/db';
import { jsonBody, optionalJsonBody } from '../validate';
import { signInResponse } from './auth';

const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * A code field as people type it: backup codes are shown as `XXXX-XXXX` and TOTP apps group
 * digits, so dashes and spaces go before any length check (§6.3: upstream's 422 on a dashed
 * backup code is a defect). The length rules of §4.6 then apply to what is left.
 */
const typedCode = () => z.string().transform(normaliseCode);

/**
 * A scalar input that upstream reads from the query string (§1.3); the dev server also takes the
 * same name from a JSON body.
 */
async function scalar(c: Context<Env>, name: string): Promise<string> {
  const fromQuery = c.req.query(name);
  if (fromQuery !== undefined) return fromQuery;
  const body = await optionalJsonBody(c, z.record(z.string(), z.unknown()));
  const value = body[name];
  if (typeof value === 'string') return value;
  throw new HttpError(422, 'Request validation failed', 'VALIDATION_ERROR', {
    validation_errors: [{ field: `query.${name}`, message: 'Field required', type: 'missing' }],
  });
}

async function requirePassword(user: UserRow, password: string): Promise<void> {
  if (!(await verifyPassword(password, user.password_hash))) throw new HttpError(400, 'Invalid password');
}

/** §4.6 MFA, plus the designed-here SMS and step-up routes. Mounted at `/api/v1/mfa`. */
export function mfaRoutes(): Hono<Env> {
  const app = new Hono<Env>();

  app.get('/status', async (c) => {
    const dev = c.get('dev');
    const { user } = await requireUser(c);
    const row = getMfa(dev, user.id);
    return c.json({
      enabled: isMfaEnabled(row),
      verified: row?.totp_verified === 1,
      backup_codes_remaining: isMfaEnabled(row) ? backupCodesRemaining(dev, user.id) : 0,
      last_used_at: isoNaive(row?.last_used_at),
    });
  });

  app.post('/enable', async (c) => {
    const dev = c.get('dev');
    const { user } = await requireUser(c);
    const body = await jsonBody(c, z.object({ password: z.string() }));
    await requirePassword(user, body.password);
    if (getMfa(dev, user.id)?.totp_verified === 1) throw new HttpError(400, 'MFA is already enabled');
    // Calling again before /verify replaces the pending secret and codes (§4.6).
    const secret = newTotpSecret();
    upsertMfa(dev, user.id, { totp_secret: secret, totp_verified: 0, totp_last_step: null });
    const provisioningUri = totpFor(secret, user.email).toString();
    return c.json({
      secret,
      qr_code: await toDataURL(provisioningUri),
      backup_codes: replaceBackupCodes(dev, user.id),
      provisioning_uri: provisioningUri,
    });
  });

  app.post('/verify', async (c) => {
    const dev = c.get('dev');
    const { user } = await requireUser(c);
    const body = await jsonBody(c, z.object({ code: typedCode().pipe(z.string().regex(/^\d{6}$/)) }));
    const row = getMfa(dev, user.id);
    if (!row?.totp_secret) throw new HttpError(400, 'MFA setup not initiated');
    if (row.totp_verified === 1) throw new HttpError(400, 'MFA is already enabled');
    if (!consumeTotp(dev, row, user.email, body.code)) throw new HttpError(400, 'Invalid verification code');
    const wasOn = isMfaEnabled(row);
    upsertMfa(dev, user.id, { totp_verified: 1 });
    if (!wasOn) dev.events.emit('security.mfa.enabled', { user_id: user.id });
    return c.json({ message: 'MFA successfully enabled' });
  });

  app.post('/disable', async (c) => {
    const dev = c.get('dev');
    const { user } = await requireUser(c);
    const body = await jsonBody(
      c,
      z.object({ password: z.string(), code: typedCode().pipe(z.string().length(6)).nullish() }),
    );
    const row = getMfa(dev, user.id);
    if (!isMfaEnabled(row)) throw new HttpError(400, 'MFA is not enabled');
    await requirePassword(user, body.password);
    if (body.code && !consumeTotp(dev, row, user.email, body.code)) {
      throw new HttpError(400, 'Invalid verification code');
    }
    dev.db.transaction(() => {
      sql(dev.db, 'DELETE FROM mfa_settings WHERE user_id = ?').run(user.id);
      sql(dev.db, 'DELETE FROM mfa_backup_codes WHERE user_id = ?').run(user.id);
      sql(dev.db, 'DELETE FROM mfa_sms_codes WHERE user_id = ?').run(user.id);
    })();
    dev.events.emit('security.mfa.disabled', { user_id: user.id });
    return c.json({ message: 'MFA successfully disabled' });
  });

  app.post('/regenerate-backup-codes', async (c) => {
    const dev = c.get('dev');
    const { user } = await requireUser(c);
    const password = await scalar(c, 'password');
    if (!isMfaEnabled(getMfa(dev, user.id))) throw new HttpError(400, 'MFA is not enabled');
    await requirePassword(user, password);
    return c.json({ backup_codes: replaceBackupCodes(dev, user.id), generated_at: iso(dev.clock.now()) });
  });

  app.post('/validate-code', async (c) => {
    const dev = c.get('dev');
    const { user } = await requireUser(c);
    const code = normaliseCode(await scalar(c, 'code'));
    const row = getMfa(dev, user.id);
    if (!isMfaEnabled(row)) throw new HttpError(400, 'MFA is not enabled');
    if (row.totp_verified === 1 && consumeTotp(dev, row, user.email, code)) {
      return c.json({ valid: true, message: 'Code is valid' });
    }
    if (consumeBackupCode(dev, user.id, code)) {
      return c.json({ valid: true, message: 'Backup code is valid (now consumed)' });
    }
    return c.json({ valid: false, message: 'Invalid code' });
  });

  app.post('/sms/setup', async (c) => {
    const dev = c.get('dev');
    const { user } = await requireUser(c);
    const body = await jsonBody(c, z.object({ phone_number: z.string() }));
    const phone = body.phone_number.replace(/[\s()-]/g, '');
    if (!E164.test(phone)) throw new HttpError(400, 'Invalid phone number');
    upsertMfa(dev, user.id, { sms_phone: phone, sms_verified: 0 });
    const code = issueSmsCode(dev, user.id, 'setup');
    sendMessage(dev, { channel: 'sms', to: phone, template: 'mfa_code', code });
    return c.json({ phone_number: phone, verified: false });
  });

  app.post('/sms/verify', async (c) => {
    const dev = c.get('dev');
    const { user } = await requireUser(c);
    const body = await jsonBody(c, z.object({ code: z.string().min(1).max(20) }));
    const row = getMfa(dev, user.id);
    if (!row?.sms_phone) throw new HttpError(400, 'SMS setup not initiated');
    if (!consumeSmsCode(dev, user.id, 'setup', normaliseCode(body.code))) {
      throw new HttpError(400, 'Invalid verification code');
    }
    const wasOn = isMfaEnabled(row);
    upsertMfa(dev, user.id, { sms_verified: 1 });
    updateUser(dev, user.id, { phone_number: row.sms_phone, phone_verified: 1 });
    if (!wasOn) dev.events.emit('security.mfa.enabled', { user_id: user.id });
    return c.json({ phone_number: row.sms_phone, verified: true });
  });

  // Step-up (designed here): a signed-in user opens a challenge, or the holder of a sign-in
  // `mfa_token` asks for its SMS code. The challenge id is the `mfa_token` either way.
  app.post('/challenge', async (c) => {
    const dev = c.get('dev');
    const body = await optionalJsonBody(
      c,
      z.object({ method: z.enum(['totp', 'sms']).default('totp'), mfa_token: z.string().min(1).nullish() }),
    );
    let userId: string;
    let token: string;
    let challengeId: string;
    let expiresAt: number;
    if (c.req.header('authorization') || !body.mfa_token) {
      userId = (await requireUser(c)).user.id;
      requireMethod(getMfa(dev, userId), body.method);
      const created = await createChallenge(dev, userId);
      ({ token } = created);
      challengeId = created.row.id;
      expiresAt = created.row.expires_at;
    } else {
      const row = await openChallenge(dev, body.mfa_token);
      userId = row.user_id;
      requireMethod(getMfa(dev, userId), body.method);
      token = body.mfa_token;
      challengeId = row.id;
      expiresAt = row.expires_at;
    }
    const mfa = getMfa(dev, userId);
    if (body.method === 'sms' && mfa?.sms_phone) {
      const code = issueSmsCode(dev, userId, 'challenge', challengeId);
      sendMessage(dev, { channel: 'sms', to: mfa.sms_phone, template: 'mfa_code', code });
    }
    return c.json({ id: token, method: body.method, expires_at: iso(expiresAt) });
  });

  app.post('/challenge/verify', async (c) => {
    const dev = c.get('dev');
    const body = await jsonBody(
      c,
      z.object({ mfa_token: z.string().min(1), code: typedCode().pipe(z.string().min(6).max(8)) }),
    );
    const challenge = await openChallenge(dev, body.mfa_token);
    const user = getUserById(dev, challenge.user_id);
    if (user?.status !== 'active') throw new HttpError(401, 'Invalid MFA challenge');
    answerChallenge(dev, challenge, user, body.code);
    updateUser(dev, user.id, { last_sign_in_at: dev.clock.now() });
    const { session, tokens } = await createSession(dev, user, clientInfo(c));
    dev.events.emit('session.created', { user, session });
    return c.json(await signInResponse(dev, user, session, tokens));
  });

  app.get('/supported-methods', (c) =>
    c.json({
      methods: [
        { type: 'totp', name: 'Authenticator app', description: 'Time-based one-time codes (TOTP)', enabled: true },
        { type: 'sms', name: 'SMS', description: 'Codes sent by text message', enabled: true },
        { type: 'email', name: 'Email', description: 'Codes sent by email', enabled: false, coming_soon: true },
        { type: 'webauthn', name: 'Security key', description: 'WebAuthn', enabled: false, coming_soon: true },
      ],
    }),
  );

  app.get('/recovery-options', async (c) => {
    const dev = c.get('dev');
    const user = getUserByEmail(dev, (await scalar(c, 'email')).trim());
    const row = user ? getMfa(dev, user.id) : undefined;
    if (!user || !isMfaEnabled(row)) return c.json({ recovery_available: false });
    return c.json({
      recovery_available: true,
      methods: { backup_codes: backupCodesRemaining(dev, user.id) > 0, email_recovery: true },
    });
  });

  app.post('/initiate-recovery', async (c) => {
    const dev = c.get('dev');
    const user = getUserByEmail(dev, (await scalar(c, 'email')).trim());
    if (user?.status === 'active' && isMfaEnabled(getMfa(dev, user.id))) {
      // Backup codes are stored hashed, so the mail cannot list them (as upstream's does): it
      // carries a fresh single-use recovery code instead, accepted wherever a backup code is.
      sendMessage(dev, {
        channel: 'email',
        to: user.email,
        template: 'mfa_recovery',
        subject: 'Your Janua account recovery code',
        code: issueRecoveryCode(dev, user.id),
      });
    }
    return c.json({ message: 'If MFA is enabled, recovery instructions have been sent' });
  });

  return app;
}

function requireMethod(row: ReturnType<typeof getMfa>, method: 'totp' | 'sms'): void {
  if (!isMfaEnabled(row)) throw new HttpError(400, 'MFA is not enabled');
  if (method === 'sms' && row.sms_verified !== 1) throw new HttpError(400, 'Method not enabled: sms');
  if (method === 'totp' && row.totp_verified !== 1) throw new HttpError(400, 'Method not enabled: totp');
}
