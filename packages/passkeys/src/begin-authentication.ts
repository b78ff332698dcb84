import { checkWire, type Janua, type RequestOptions, request } from '@janua/core';
import { requireString } from './internal/validate';
import type { PasskeyAuthenticationOptions } from './types';
import type { WireAuthenticationOptions } from './wire';

/** Input of {@link beginAuthentication}. */
export interface BeginAuthenticationParams {
  /**
   * Limits the prompt to this account's passkeys. Leave it out to let the user pick any passkey
   * saved for the site (discoverable credentials, also what autofill needs).
   */
  email?: string;
}

/** Output of {@link beginAuthentication}. */
export interface BeginAuthenticationResult {
  /** Binds the challenge server-side (10 minutes, single use); pass it to {@link completeAuthentication}. */
  challengeId: string;
  /** Request options for the browser (`navigator.credentials.get`). */
  options: PasskeyAuthenticationOptions;
}

/**
 * Starts a passkey sign-in (`POST /passkeys/authenticate/options`, no token needed). An unknown
 * email yields the same answer as no email, so this call does not reveal whether an account
 * exists. In a browser, `signInWithPasskey` from `@janua/passkeys/browser` runs the whole ceremony.
 *
 * @param janua - The {@link Janua} instance.
 * @param params - Optionally the account's email.
 * @returns The `challengeId` and the WebAuthn request options (JSON form, base64url).
 * @throws {ValidationError} for a blank `email` (no request is made).
 * @example
 * ```ts
 * const { challengeId, options } = await beginAuthentication(janua, { email: 'ada@example.com' });
 * const credential = await startAuthentication({ optionsJSON: options }); // @simplewebauthn/browser
 * const { user } = await completeAuthentication(janua, { challengeId, credential });
 * ```
 */
export async function beginAuthentication(
  janua: Janua,
  params: BeginAuthenticationParams = {},
  options: RequestOptions = {},
): Promise<BeginAuthenticationResult> {
  const email = params?.email === undefined ? undefined : requireString(params.email, 'email');
  return request(janua, {
    ...options,
    method: 'POST',
    path: '/passkeys/authenticate/options',
    auth: 'none',
    body: email ? { email } : {},
    map: ({ sessionId, ...requestOptions }: WireAuthenticationOptions) => {
      checkWire(requestOptions.challenge, 'string');
      return { challengeId: checkWire(sessionId, 'string'), options: requestOptions };
    },
  });
}
