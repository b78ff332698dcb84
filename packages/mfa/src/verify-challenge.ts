import { type Janua, type RequestOptions, request, setTokens, toSignedIn } from '@janua/core';
import { normaliseCode, requireString } from './internal/validate';
import type { SignedIn } from './types';

/** Input of {@link verifyChallenge}. */
export interface VerifyChallengeParams {
  /** `challengeId` of an `mfaRequired` sign-in, or `id` of {@link createChallenge}. */
  challengeId: string;
  /** A TOTP code, the texted SMS code, or a backup code with or without its dash. */
  code: string;
}

/**
 * Completes an `mfaRequired` sign-in (or a step-up challenge) with a second-factor code. The new
 * session's tokens are stored on `janua` (replacing any current pair) and `SIGNED_IN` is emitted.
 *
 * @returns A `signedIn` result shaped like `@janua/auth`'s.
 * @throws {ValidationError} locally for a malformed code (no request is made).
 * @throws {AuthenticationError} `Invalid MFA code`; `MFA challenge expired. Please sign in again.`
 *   after 5 minutes; `Invalid MFA challenge` once used or after 5 wrong codes (401).
 * @example
 * ```ts
 * const result = await signIn(janua, { email, password });
 * if (result.status === 'mfaRequired') {
 *   const { user } = await verifyChallenge(janua, { challengeId: result.challengeId, code: '123456' });
 * }
 * ```
 */
export async function verifyChallenge(
  janua: Janua,
  params: VerifyChallengeParams,
  options: RequestOptions = {},
): Promise<SignedIn> {
  const signedIn = await request(janua, {
    ...options,
    method: 'POST',
    path: '/mfa/challenge/verify',
    auth: 'none',
    body: {
      mfa_token: requireString(params?.challengeId, 'challengeId'),
      code: normaliseCode(params.code, 'code', true),
    },
    // A refusal without tokens rejects as INVALID_RESPONSE with its request id; nothing is stored.
    map: toSignedIn,
  });
  await setTokens(janua, signedIn.tokens);
  return signedIn;
}
