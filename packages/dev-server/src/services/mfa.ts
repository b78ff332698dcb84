import { createHash, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { Secret, TOTP } from 'otpauth';
import type { Dev } from '../context';
import { HttpError } from '../errors';
import { sql } from '../store/db';
import type { UserRow } from './users';

export interface MfaRow {
  user_id: string;
  totp_secret: string | null;
  totp_verified: number;
  totp_last_step: number | null;
  sms_phone: string | null;
  sms_verified: number;
  last_used_at: number | null;
  created_at: number;
  updated_at: number;
}

export const CHALLENGE_TTL_MS = 5 * 60_000;
export const SMS_CODE_TTL_MS = 10 * 60_000;
export const RECOVERY_CODE_TTL_MS = 60 * 60_000;
const PERIOD_S = 30;
const MAX_CHALLENGE_FAILURES = 5;
const BACKUP_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function getMfa(dev: Dev, userId: string): MfaRow | undefined {
  return sql(dev.db, 'SELECT * FROM mfa_settings WHERE user_id = ?').get(userId) as MfaRow | undefined;
}

/** MFA is on once TOTP or SMS has been verified (§4.6: only after `/mfa/verify`). */
export function isMfaEnabled(row: MfaRow | undefined): row is MfaRow {
  return !!row && (row.totp_verified === 1 || row.sms_verified === 1);
}

/** Inserts the row if missing, then sets the given columns. */
export function upsertMfa(dev: Dev, userId: string, fields: Partial<Omit<MfaRow, 'user_id'>>): MfaRow {
  const now = dev.clock.now();
  sql(
    dev.db,
    'INSERT INTO mfa_settings (user_id, created_at, updated_at) VALUES (?,?,?) ON CONFLICT (user_id) DO NOTHING',
  ).run(userId, now, now);
  const entries = Object.entries(fields).filter(([, v]) => v !== undefined);
  const set = [...entries.map(([k]) => `${k} = @${k}`), 'updated_at = @updated_at'];
  dev.db
    .prepare(`UPDATE mfa_settings SET ${set.join(', ')} WHERE user_id = @user_id`)
    .run({ ...Object.fromEntries(entries), updated_at: now, user_id: userId });
  return getMfa(dev, userId) as MfaRow;
}

/** Strips what people type around codes: spaces and the dash of `XXXX-XXXX`. */
export const normaliseCode = (code: string) => code.replace(/[\s-]/g, '').toUpperCase();

const hashCode = (userId: string, code: string) =>
  createHash('sha256')
    .update(`${userId}:${normaliseCode(code)}`)
    .digest('hex');

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

// --- TOTP ---------------------------------------------------------------------------------

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpFor(secret: string, email: string): TOTP {
  return new TOTP({
    issuer: 'Janua',
    label: email,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_S,
    secret: Secret.fromBase32(secret),
  });
}

/**
 * Checks a TOTP code on the dev clock (±1 step) and consumes its step: a code, or any code of an
 * earlier or equal step, is accepted at most once.
 */
export function consumeTotp(dev: Dev, row: MfaRow, email: string, code: string): boolean {
  if (!row.totp_secret || !/^\d{6}$/.test(code)) return false;
  const now = dev.clock.now();
  const delta = totpFor(row.totp_secret, email).validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return false;
  const step = Math.floor(now / 1000 / PERIOD_S) + delta;
  if (row.totp_last_step !== null && step <= row.totp_last_step) return false;
  const claimed = sql(
    dev.db,
    'UPDATE mfa_settings SET totp_last_step = ?, last_used_at = ? WHERE user_id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)',
  ).run(step, now, row.user_id, step);
  return claimed.changes === 1;
}

// --- backup and recovery codes ------------------------------------------------------------

function randomBackupCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += BACKUP_ALPHABET[randomInt(BACKUP_ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

/** Replaces the user's backup codes with 10 new ones; only their hashes are kept. */
export function replaceBackupCodes(dev: Dev, userId: string): string[] {
  const codes = Array.from({ length: 10 }, randomBackupCode);
  const now = dev.clock.now();
  dev.db.transaction(() => {
    sql(dev.db, "DELETE FROM mfa_backup_codes WHERE user_id = ? AND kind = 'backup'").run(userId);
    for (const code of codes) {
      sql(
        dev.db,
        "INSERT INTO mfa_backup_codes (id, user_id, kind, code_hash, created_at) VALUES (?,?,'backup',?,?)",
      ).run(randomUUID(), userId, hashCode(userId, code), now);
    }
  })();
  return codes;
}

/** A single-use recovery code for `initiate-recovery`, valid 1 hour; works like a backup code. */
export function issueRecoveryCode(dev: Dev, userId: string): string {
  const code = randomBackupCode();
  const now = dev.clock.now();
  sql(
    dev.db,
    "INSERT INTO mfa_backup_codes (id, user_id, kind, code_hash, expires_at, created_at) VALUES (?,?,'recovery',?,?,?)",
  ).run(randomUUID(), userId, hashCode(userId, code), now + RECOVERY_CODE_TTL_MS, now);
  return code;
}

export function backupCodesRemaining(dev: Dev, userId: string): number {
  return (
    sql(
      dev.db,
      "SELECT COUNT(*) AS n FROM mfa_backup_codes WHERE user_id = ? AND kind = 'backup' AND used_at IS NULL",
    ).get(userId) as { n: number }
  ).n;
}

/** Consumes a backup (or recovery) code exactly once. */
export function consumeBackupCode(dev: Dev, userId: string, code: string): boolean {
  const normalised = normaliseCode(code);
  if (!/^[A-Z0-9]{8}$/.test(normalised)) return false;
  const now = dev.clock.now();
  const wanted = hashCode(userId, normalised);
  const rows = sql(
    dev.db,
    'SELECT id, code_hash FROM mfa_backup_codes WHERE user_id = ? AND used_at IS NULL AND (expires_at IS NULL OR expires_at > ?)',
  ).all(userId, now) as { id: string; code_hash: string }[];
  const match = rows.find((r) => sameHash(r.code_hash, wanted));
  if (!match) return false;
  const used = sql(dev.db, 'UPDATE mfa_backup_codes SET used_at = ? WHERE id = ? AND used_at IS NULL').run(
    now,
    match.id,
  );
  if (used.changes !== 1) return false;
  sql(dev.db, 'UPDATE mfa_settings SET last_used_at = ? WHERE user_id = ?').run(now, userId);
  return true;
}

// --- SMS codes ----------------------------------------------------------------------------

/** Issues a 6-digit SMS code (10 minutes, single use), replacing earlier ones of the same purpose. */
export function issueSmsCode(dev: Dev, userId: string, purpose: 'setup' | 'challenge', challengeId?: string): string {
  const code = String(randomInt(1_000_000)).padStart(6, '0');
  const now = dev.clock.now();
  sql(
    dev.db,
    'UPDATE mfa_sms_codes SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL AND challenge_id IS ?',
  ).run(now, userId, purpose, challengeId ?? null);
  sql(
    dev.db,
    'INSERT INTO mfa_sms_codes (id, user_id, purpose, challenge_id, code_hash, expires_at, created_at) VALUES (?,?,?,?,?,?,?)',
  ).run(randomUUID(), userId, purpose, challengeId ?? null, hashCode(userId, code), now + SMS_CODE_TTL_MS, now);
  return code;
}

export function consumeSmsCode(
  dev: Dev,
  userId: string,
  purpose: 'setup' | 'challenge',
  code: string,
  challengeId?: string,
): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const now = dev.clock.now();
  const rows = sql(
    dev.db,
    `SELECT id, code_hash FROM mfa_sms_codes WHERE user_id = ? AND purpose = ? AND challenge_id IS ?
     AND used_at IS NULL AND expires_at > ?`,
  ).all(userId, purpose, challengeId ?? null, now) as { id: string; code_hash: string }[];
  const wanted = hashCode(userId, code);
  const match = rows.find((r) => sameHash(r.code_hash, wanted));
  if (!match) return false;
  return (
    sql(dev.db, 'UPDATE mfa_sms_codes SET used_at = ? WHERE id = ? AND used_at IS NULL').run(now, match.id).changes ===
    1
  );
}

// --- challenges ---------------------------------------------------------------------------

// The challenge token is HS256 (§3.1) under a per-server secret, so it can never pass as an
// RS256 access token. Kept across resets like the RS256 key.
const challengeSecrets = new WeakMap<Dev, Uint8Array>();
function challengeSecret(dev: Dev): Uint8Array {
  let secret = challengeSecrets.get(dev);
  if (!secret) {
    secret = new Uint8Array(randomBytes(32));
    challengeSecrets.set(dev, secret);
  }
  return secret;
}

export interface ChallengeRow {
  id: string;
  user_id: string;
  failed_attempts: number;
  expires_at: number;
  used_at: number | null;
  created_at: number;
}

/** Starts a 5-minute challenge and returns its `mfa_token`. */
export async function createChallenge(dev: Dev, userId: string): Promise<{ token: string; row: ChallengeRow }> {
  const now = dev.clock.now();
  const id = randomUUID();
  sql(dev.db, 'INSERT INTO mfa_challenges (id, user_id, expires_at, created_at) VALUES (?,?,?,?)').run(
    id,
    userId,
    now + CHALLENGE_TTL_MS,
    now,
  );
  const iat = Math.floor(now / 1000);
  const token = await new SignJWT({ type: 'mfa_challenge' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setJti(id)
    .setIssuer(dev.config.url)
    .setIssuedAt(iat)
    .setExpirationTime(iat + CHALLENGE_TTL_MS / 1000)
    .sign(challengeSecret(dev));
  return { token, row: sql(dev.db, 'SELECT * FROM mfa_challenges WHERE id = ?').get(id) as ChallengeRow };
}

/** Verifies an `mfa_token` with the §4.6 messages; returns its live, unused challenge. */
export async function openChallenge(dev: Dev, token: string): Promise<ChallengeRow> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, challengeSecret(dev), {
      algorithms: ['HS256'],
      issuer: dev.config.url,
      currentDate: new Date(dev.clock.now()),
    }));
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) throw new HttpError(401, 'MFA challenge expired. Please sign in again.');
    throw new HttpError(401, 'Invalid MFA challenge token');
  }
  if (payload.type !== 'mfa_challenge') throw new HttpError(401, 'Invalid token type');
  const row = sql(dev.db, 'SELECT * FROM mfa_challenges WHERE id = ?').get(String(payload.jti)) as
    | ChallengeRow
    | undefined;
  if (!row || row.user_id !== payload.sub || row.used_at !== null) throw new HttpError(401, 'Invalid MFA challenge');
  if (row.expires_at <= dev.clock.now()) throw new HttpError(401, 'MFA challenge expired. Please sign in again.');
  return row;
}

/**
 * Checks a code against a challenge: TOTP, the SMS code sent for it, or a backup/recovery code.
 * Wrong codes count; the fifth kills the challenge, so a 6-digit code cannot be brute-forced.
 */
export function answerChallenge(dev: Dev, challenge: ChallengeRow, user: UserRow, code: string): void {
  const row = getMfa(dev, user.id);
  if (!isMfaEnabled(row)) throw new HttpError(401, 'Invalid MFA challenge');
  const normalised = normaliseCode(code);
  const ok =
    (row.totp_verified === 1 && consumeTotp(dev, row, user.email, normalised)) ||
    (row.sms_verified === 1 && consumeSmsCode(dev, user.id, 'challenge', normalised, challenge.id)) ||
    consumeBackupCode(dev, user.id, normalised);
  const now = dev.clock.now();
  if (!ok) {
    const failures = challenge.failed_attempts + 1;
    sql(dev.db, 'UPDATE mfa_challenges SET failed_attempts = ?, used_at = ? WHERE id = ?').run(
      failures,
      failures >= MAX_CHALLENGE_FAILURES ? now : null,
      challenge.id,
    );
    // The password was right and the second factor failed every try: someone may hold the password.
    if (failures === MAX_CHALLENGE_FAILURES) {
      dev.events.emit('security.suspicious_activity', { user, reason: 'mfa_challenge_failures' });
    }
    throw new HttpError(401, 'Invalid MFA code');
  }
  const used = sql(dev.db, 'UPDATE mfa_challenges SET used_at = ? WHERE id = ? AND used_at IS NULL').run(
    now,
    challenge.id,
  );
  if (used.changes !== 1) throw new HttpError(401, 'Invalid MFA challenge');
  sql(dev.db, 'UPDATE mfa_settings SET last_used_at = ? WHERE user_id = ?').run(now, user.id);
}

/** The sign-in hook of `authRoutes`: an `mfa_token` when the user has MFA on, else null. */
export async function mfaChallenge(dev: Dev, user: UserRow): Promise<string | null> {
  if (!isMfaEnabled(getMfa(dev, user.id))) return null;
  return (await createChallenge(dev, user.id)).token;
}
