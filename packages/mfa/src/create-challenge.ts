import { type Janua, parseDate, type RequestOptions, request } from '@janua/core';
import { requireString } from './internal/validate';
import type { MfaChallenge, MfaMethod } from './types';
import type { WireChallenge } from './wire';

/** Input of {@link createChallenge}. */
export interface CreateChallengeParams {
  /** `sms` makes the server text a code for this challenge. Default `totp`. */
  method?: MfaMethod;
  /**
   * The `challengeId` of an `mfaRequired` sign-in. Pass it to have the SMS code sent for that
   * sign-in; omit it for a step-up challenge of the signed-in user.
   */
  challengeId?: string;
}

/**
 * Opens an MFA challenge (designed-here `POST /mfa/challenge`, contract §4.6): step-up for a
 * signed-in user before a sensitive action, or the SMS code of a pending sign-in. Answer it with
 * `verifyChallenge`; it expires after 5 minutes.
 *
 * @throws {ValidationError} `MFA is not enabled` / `Method not enabled: sms` (400).
 * @throws {AuthenticationError} when neither signed in nor given a `challengeId`, or when the
 *   challenge expired (`MFA challenge expired. Please sign in again.`).
 * @example
 * ```ts
 * const result = await signIn(janua, { email, password });
 * if (result.status === 'mfaRequired') {
 *   await createChallenge(janua, { method: 'sms', challengeId: result.challengeId });
 * }
 * ```
 */
export async function createChallenge(
  janua: Janua,
  params?: CreateChallengeParams,
  options: RequestOptions = {},
): Promise<MfaChallenge> {
  // A default covers only `undefined`; untyped callers also pass `null`.
  params ??= {};
  const pending = params.challengeId === undefined ? undefined : requireString(params.challengeId, 'challengeId');
  return request(janua, {
    ...options,
    method: 'POST',
    path: '/mfa/challenge',
    // A pending sign-in has no session yet: its token identifies the user.
    auth: pending ? 'none' : 'user',
    body: { method: params.method ?? 'totp', mfa_token: pending },
    map: (w: WireChallenge) => ({ id: w.id, method: w.method, expiresAt: parseDate(w.expires_at) }),
  });
}
