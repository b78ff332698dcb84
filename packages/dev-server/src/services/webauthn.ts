import { randomUUID } from 'node:crypto';
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { iso, isoNaive } from '../clock';
import type { Dev } from '../context';
import { HttpError } from '../errors';
import { isAllowedOrigin } from '../middleware/cors';
import { sql } from '../store/db';
import { getUserByEmail, getUserById, type UserRow } from './users';

export interface PasskeyRow {
  id: string;
  user_id: string;
  credential_id: string;
  public_key: Buffer;
  sign_count: number;
  transports: string;
  authenticator_attachment: 'platform' | 'cross-platform' | null;
  name: string | null;
  fmt: string;
  aaguid: string | null;
  backed_up: number;
  created_at: number;
  last_used_at: number | null;
}

interface ChallengeRow {
  id: string;
  kind: 'registration' | 'authentication';
  user_id: string | null;
  challenge: string;
  expires_at: number;
  created_at: number;
}

// Contract §4.7: registration challenges live 5 minutes, authentication sessions 10.
const REGISTRATION_TTL_MS = 5 * 60_000;
const AUTHENTICATION_TTL_MS = 10 * 60_000;
const TIMEOUT_MS = 60_000;
// Exactly ES256 then RS256 (§4.7); the library's default would also offer EdDSA.
const ALGORITHMS = [-7, -257];
// §7.1: attestation `none` is requested; `none` and `packed` statements are accepted.
const FORMATS = new Set(['none', 'packed']);

/** `Passkey` (§4.0). */
export function toPasskey(p: PasskeyRow) {
  return {
    id: p.id,
    name: p.name,
    authenticator_attachment: p.authenticator_attachment,
    created_at: iso(p.created_at),
    last_used_at: isoNaive(p.last_used_at),
    sign_count: p.sign_count,
  };
}

export function listUserPasskeys(dev: Dev, userId: string): PasskeyRow[] {
  return sql(dev.db, 'SELECT * FROM passkeys WHERE user_id = ? ORDER BY created_at DESC, rowid DESC').all(
    userId,
  ) as PasskeyRow[];
}

/** The caller's own passkey; another user's passkey is indistinguishable from a missing one. */
export function getUserPasskey(dev: Dev, userId: string, id: string): PasskeyRow {
  const row = sql(dev.db, 'SELECT * FROM passkeys WHERE id = ? AND user_id = ?').get(id, userId) as
    | PasskeyRow
    | undefined;
  if (!row) throw new HttpError(404, 'Passkey not found');
  return row;
}

export function renamePasskey(dev: Dev, row: PasskeyRow, name: string): PasskeyRow {
  sql(dev.db, 'UPDATE passkeys SET name = ? WHERE id = ?').run(name, row.id);
  return { ...row, name };
}

export function deletePasskey(dev: Dev, row: PasskeyRow): void {
  sql(dev.db, 'DELETE FROM passkeys WHERE id = ?').run(row.id);
}

function storeChallenge(
  dev: Dev,
  kind: ChallengeRow['kind'],
  userId: string | null,
  challenge: string,
  ttlMs: number,
): string {
  const now = dev.clock.now();
  sql(dev.db, 'DELETE FROM webauthn_challenges WHERE expires_at <= ?').run(now);
  // One registration in progress per user: new options supersede the old challenge.
  if (kind === 'registration') {
    sql(dev.db, "DELETE FROM webauthn_challenges WHERE kind = 'registration' AND user_id = ?").run(userId);
  }
  const id = randomUUID();
  sql(
    dev.db,
    'INSERT INTO webauthn_challenges (id, kind, user_id, challenge, expires_at, created_at) VALUES (?,?,?,?,?,?)',
  ).run(id, kind, userId, challenge, now + ttlMs, now);
  return id;
}

/**
 * Removes and returns a challenge in one statement, so a challenge verifies at most once even
 * when two verifications race; an expired row counts as missing.
 */
function consumeChallenge(dev: Dev, where: string, ...args: unknown[]): ChallengeRow | null {
  const row = sql(dev.db, `DELETE FROM webauthn_challenges WHERE ${where} RETURNING *`).get(...args) as
    | ChallengeRow
    | undefined;
  if (!row || row.expires_at <= dev.clock.now()) return null;
  return row;
}

/** The origin the browser reported; checked against §7.1 before the library sees it. */
function checkedOrigin(dev: Dev, clientDataJSON: unknown, failure: string): string {
  let origin: unknown;
  try {
    origin = JSON.parse(Buffer.from(String(clientDataJSON), 'base64url').toString('utf8')).origin;
  } catch {
    throw new HttpError(400, `${failure}: clientDataJSON is not valid JSON`);
  }
  const extra = [...dev.config.origins, new URL(dev.config.frontendUrl || dev.config.url).origin];
  if (typeof origin !== 'string' || !isAllowedOrigin(origin, extra)) {
    throw new HttpError(400, `${failure}: unexpected origin ${JSON.stringify(origin)}`);
  }
  return origin;
}

function displayName(u: UserRow): string {
  return u.display_name || [u.first_name, u.last_name].filter(Boolean).join(' ') || u.email;
}

/** `RegistrationOptions` (§4.7) for the signed-in user; the challenge is stored for 5 minutes. */
export async function registrationOptions(
  dev: Dev,
  user: UserRow,
  attachment: 'platform' | 'cross-platform' | undefined,
) {
  const existing = listUserPasskeys(dev, user.id);
  const options = await generateRegistrationOptions({
    rpName: 'Janua',
    rpID: dev.config.rpId,
    userName: user.email,
    userID: new TextEncoder().encode(user.id),
    userDisplayName: displayName(user),
    timeout: TIMEOUT_MS,
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.credential_id, transports: JSON.parse(p.transports) })),
    authenticatorSelection: {
      // Only when asked: upstream's default of `cross-platform` hides platform authenticators (§6.3).
      ...(attachment ? { authenticatorAttachment: attachment } : {}),
      requireResidentKey: false,
      residentKey: 'preferred',
      userVerification: 'preferred',
    },
    supportedAlgorithmIDs: ALGORITHMS,
  });
  storeChallenge(dev, 'registration', user.id, options.challenge, REGISTRATION_TTL_MS);
  return {
    ...options,
    excludeCredentials: (options.excludeCredentials ?? []).map((c) => ({ ...c, type: 'public-key' as const })),
  };
}

/** Verifies an attestation against the user's pending challenge and stores the passkey. */
export async function verifyRegistration(
  dev: Dev,
  user: UserRow,
  credential: RegistrationResponseJSON,
  name: string | null,
): Promise<PasskeyRow> {
  const pending = consumeChallenge(dev, "kind = 'registration' AND user_id = ?", user.id);
  if (!pending) throw new HttpError(400, 'No registration in progress');
  const failure = 'Registration verification failed';
  const origin = checkedOrigin(dev, credential.response?.clientDataJSON, failure);
  let result: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    result = await verifyRegistrationResponse({
      response: credential,
      expectedChallenge: pending.challenge,
      expectedOrigin: origin,
      expectedRPID: dev.config.rpId,
      requireUserVerification: false,
      supportedAlgorithmIDs: ALGORITHMS,
    });
  } catch (err) {
    throw new HttpError(400, `${failure}: ${(err as Error).message}`);
  }
  if (!result.verified) throw new HttpError(400, `${failure}: attestation could not be verified`);
  const info = result.registrationInfo;
  if (!FORMATS.has(info.fmt)) throw new HttpError(400, `${failure}: attestation format ${info.fmt} is not accepted`);
  if (sql(dev.db, 'SELECT 1 FROM passkeys WHERE credential_id = ?').get(info.credential.id)) {
    throw new HttpError(400, 'This passkey is already registered');
  }
  const attachment = credential.authenticatorAttachment ?? null;
  const row: PasskeyRow = {
    id: randomUUID(),
    user_id: user.id,
    credential_id: info.credential.id,
    public_key: Buffer.from(info.credential.publicKey),
    sign_count: info.credential.counter,
    transports: JSON.stringify(credential.response.transports ?? []),
    authenticator_attachment: attachment === 'platform' || attachment === 'cross-platform' ? attachment : null,
    name,
    fmt: info.fmt,
    aaguid: info.aaguid,
    backed_up: info.credentialBackedUp ? 1 : 0,
    created_at: dev.clock.now(),
    last_used_at: null,
  };
  sql(
    dev.db,
    `INSERT INTO passkeys (id, user_id, credential_id, public_key, sign_count, transports, authenticator_attachment,
       name, fmt, aaguid, backed_up, created_at, last_used_at)
     VALUES (@id, @user_id, @credential_id, @public_key, @sign_count, @transports, @authenticator_attachment,
       @name, @fmt, @aaguid, @backed_up, @created_at, @last_used_at)`,
  ).run(row);
  return row;
}

/**
 * `AuthenticationOptions` (§4.7). A known email yields its passkeys as `allowCredentials` and binds
 * the challenge to that user; an unknown or absent email yields `[]` (discoverable credentials),
 * so the answer does not tell whether an account exists.
 */
export async function authenticationOptions(dev: Dev, email: string | undefined) {
  const user = email ? getUserByEmail(dev, email) : undefined;
  const known = user && user.status !== 'deleted' ? user : undefined;
  const passkeys = known ? listUserPasskeys(dev, known.id) : [];
  const options = await generateAuthenticationOptions({
    rpID: dev.config.rpId,
    timeout: TIMEOUT_MS,
    userVerification: 'preferred',
    allowCredentials: passkeys.map((p) => ({ id: p.credential_id, transports: JSON.parse(p.transports) })),
  });
  const sessionId = storeChallenge(
    dev,
    'authentication',
    passkeys.length ? (known?.id ?? null) : null,
    options.challenge,
    AUTHENTICATION_TTL_MS,
  );
  return {
    sessionId,
    challenge: options.challenge,
    rpId: options.rpId ?? dev.config.rpId,
    timeout: options.timeout ?? TIMEOUT_MS,
    allowCredentials: (options.allowCredentials ?? []).map((c) => ({ ...c, type: 'public-key' as const })),
    userVerification: 'preferred' as const,
  };
}

/**
 * Verifies an assertion: the challenge (by `session_id`, equal to the echoed `challenge`, single
 * use), then the passkey, origin, rpId, signature and sign counter. Returns the passkey (with its
 * new counter) and its user. The caller creates the session.
 */
export async function verifyAuthentication(
  dev: Dev,
  input: { sessionId: string | undefined; challenge: string; credential: AuthenticationResponseJSON },
): Promise<{ passkey: PasskeyRow; user: UserRow }> {
  const { credential } = input;
  if (!credential.id) throw new HttpError(400, 'Missing credential ID');
  // Upstream clients send only the challenge; it is still looked up server-side and consumed.
  const pending = input.sessionId
    ? consumeChallenge(dev, "id = ? AND kind = 'authentication'", input.sessionId)
    : consumeChallenge(dev, "challenge = ? AND kind = 'authentication'", input.challenge);
  if (!pending || pending.challenge !== input.challenge) {
    throw new HttpError(400, 'Authentication challenge expired or not found');
  }
  const passkey = sql(dev.db, 'SELECT * FROM passkeys WHERE credential_id = ?').get(credential.id) as
    | PasskeyRow
    | undefined;
  if (!passkey) throw new HttpError(404, 'Passkey not found');
  const user = getUserById(dev, passkey.user_id);
  if (!user || user.status === 'deleted') throw new HttpError(404, 'User not found');
  const failure = 'Authentication verification failed';
  const fail = (reason: string): never => {
    dev.events.emit('auth.signin_failed', { user, method: 'passkey' });
    throw new HttpError(400, `${failure}: ${reason}`);
  };
  if (pending.user_id !== null && pending.user_id !== passkey.user_id) {
    fail('credential is not allowed for this challenge');
  }
  // A discoverable credential names its account; it must be the passkey's (the library does not check).
  const userHandle = credential.response?.userHandle;
  if (userHandle && userHandle !== Buffer.from(passkey.user_id, 'utf8').toString('base64url')) {
    fail('user handle does not match the passkey');
  }
  const origin = checkedOrigin(dev, credential.response?.clientDataJSON, failure);
  let result: Awaited<ReturnType<typeof verifyAuthenticationResponse>> | undefined;
  try {
    result = await verifyAuthenticationResponse({
      response: credential,
      expectedChallenge: pending.challenge,
      expectedOrigin: origin,
      expectedRPID: dev.config.rpId,
      requireUserVerification: false,
      credential: {
        id: passkey.credential_id,
        publicKey: new Uint8Array(passkey.public_key),
        counter: passkey.sign_count,
        transports: JSON.parse(passkey.transports),
      },
    });
  } catch (err) {
    fail((err as Error).message);
  }
  if (!result?.verified) return fail('signature is invalid');
  if (user.status === 'suspended') throw new HttpError(403, 'Account suspended');
  if (user.status !== 'active') throw new HttpError(403, 'Account is not active');
  const now = dev.clock.now();
  const newCounter = result.authenticationInfo.newCounter;
  sql(dev.db, 'UPDATE passkeys SET sign_count = ?, last_used_at = ? WHERE id = ?').run(newCounter, now, passkey.id);
  return { passkey: { ...passkey, sign_count: newCounter, last_used_at: now }, user };
}
