import { checkWire, type Janua, type RequestOptions, request } from '@janua/core';
import { toRegistrationOptions } from './internal/map';
import { invalid } from './internal/validate';
import type { AuthenticatorAttachment, PasskeyRegistrationOptions } from './types';
import type { WireRegistrationOptions } from './wire';

/** Input of {@link beginRegistration}. */
export interface BeginRegistrationParams {
  /** Ask for a built-in (`platform`) or a roaming (`cross-platform`) authenticator; any when absent. */
  authenticatorAttachment?: AuthenticatorAttachment;
}

/** Output of {@link beginRegistration}. */
export interface BeginRegistrationResult {
  /** The challenge, to pass to {@link completeRegistration}. */
  challengeId: string;
  /** Creation options for the browser (`navigator.credentials.create`). */
  options: PasskeyRegistrationOptions;
}

/**
 * Starts registering a passkey for the signed-in user (`POST /passkeys/register/options`). The
 * user's existing passkeys come back as `excludeCredentials`; the challenge is valid 5 minutes
 * and can be answered once. In a browser, `registerPasskey` from `@janua/passkeys/browser` runs
 * the whole ceremony for you.
 *
 * @param janua - The {@link Janua} instance, signed in.
 * @param params - Optional authenticator preference.
 * @returns The `challengeId` and the WebAuthn creation options (JSON form, base64url).
 * @throws {AuthenticationError} when not signed in.
 * @throws {ValidationError} for an unknown `authenticatorAttachment` (no request is made).
 * @example
 * ```ts
 * const { challengeId, options } = await beginRegistration(janua, { authenticatorAttachment: 'platform' });
 * const credential = await startRegistration({ optionsJSON: options }); // @simplewebauthn/browser
 * await completeRegistration(janua, { challengeId, credential, name: 'Laptop' });
 * ```
 */
export async function beginRegistration(
  janua: Janua,
  params: BeginRegistrationParams = {},
  options: RequestOptions = {},
): Promise<BeginRegistrationResult> {
  const attachment = params?.authenticatorAttachment;
  if (attachment !== undefined && attachment !== 'platform' && attachment !== 'cross-platform') {
    throw invalid('authenticatorAttachment', "authenticatorAttachment must be 'platform' or 'cross-platform'");
  }
  return request(janua, {
    ...options,
    method: 'POST',
    path: '/passkeys/register/options',
    body: attachment ? { authenticator_attachment: attachment } : {},
    map: (wire: WireRegistrationOptions) => {
      const creation = toRegistrationOptions(wire);
      return { challengeId: checkWire(creation.challenge, 'string'), options: creation };
    },
  });
}
