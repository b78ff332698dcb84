import { type Janua, type RequestOptions, request, setTokens } from '@janua/core';
import { toPasskeySignIn } from './internal/map';
import { challengeOf, requireString } from './internal/validate';
import type { PasskeyAuthenticationCredential, PasskeySignInResult } from './types';

/** Input of {@link completeAuthentication}. */
export interface CompleteAuthenticationParams {
  /** From {@link beginAuthentication}. */
  challengeId: string;
  /** What the browser returned (`startAuthentication()` or `credential.toJSON()`). */
  credential: PasskeyAuthenticationCredential;
  /** The email the sign-in began with, if any (informational; the passkey identifies the user). */
  email?: string;
}

/**
 * Finishes a passkey sign-in (`POST /passkeys/authenticate/verify`): the server consumes the
 * challenge, checks origin, rpId, signature, stored public key and sign counter, and opens a
 * normal refreshable session. The tokens are stored on `janua` (emitting `SIGNED_IN`), as
 * `signIn` does. The challenge is read from the credential, so callers keep only `challengeId`.
 *
 * @param janua - The {@link Janua} instance.
 * @param params - The `challengeId` and the browser's credential.
 * @returns A `signedIn` result with the user, session and tokens.
 * @throws {ValidationError} locally for a malformed credential; from the server (400)
 *   `Authentication challenge expired or not found` (expired, replayed or foreign challenge),
 *   `Authentication verification failed: …` (bad signature, origin, counter) or `Missing credential ID`.
 * @throws {NotFoundError} `Passkey not found` (deleted, or never registered here), `User not found`.
 * @throws {AuthorizationError} `Account suspended`.
 * @example
 * ```ts
 * const result = await completeAuthentication(janua, { challengeId, credential });
 * console.log(result.user.email, result.session?.expiresAt);
 * ```
 */
export async function completeAuthentication(
  janua: Janua,
  params: CompleteAuthenticationParams,
  options: RequestOptions = {},
): Promise<PasskeySignInResult> {
  const challengeId = requireString(params?.challengeId, 'challengeId');
  const challenge = challengeOf(params.credential, ['clientDataJSON', 'authenticatorData', 'signature']);
  const result = await request(janua, {
    ...options,
    method: 'POST',
    path: '/passkeys/authenticate/verify',
    auth: 'none',
    // Upstream verifies the echoed `challenge`; `session_id` is what binds it (designed here, §4.7).
    query: { challenge },
    body: { credential: params.credential, email: params.email, session_id: challengeId },
    // Mapped before anything is stored: an unreadable answer leaves the instance signed out.
    map: toPasskeySignIn,
  });
  await setTokens(janua, result.tokens);
  return result;
}
