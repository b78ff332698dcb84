import type { Janua, RequestOptions } from '@janua/core';
import { type PublicKeyCredentialCreationOptionsJSON, startRegistration } from '@simplewebauthn/browser';
import { beginRegistration } from '../begin-registration';
import { type CompleteRegistrationResult, completeRegistration } from '../complete-registration';
import { optionalName } from '../internal/validate';
import type { AuthenticatorAttachment } from '../types';
import { ceremony, passkeyError } from './internal/ceremony';
import { isPasskeySupported } from './is-passkey-supported';

/** Input of {@link registerPasskey}. */
export interface RegisterPasskeyParams {
  /** A label the user will recognise later, 1 to 100 characters. */
  name?: string;
  /** Ask for a built-in (`platform`) or a roaming (`cross-platform`) authenticator; any when absent. */
  authenticatorAttachment?: AuthenticatorAttachment;
}

/** Output of {@link registerPasskey}. */
export type RegisterPasskeyResult = CompleteRegistrationResult;

/**
 * Adds a passkey to the signed-in account in one call: fetches creation options, lets the browser
 * create the credential (`navigator.credentials.create` via @simplewebauthn/browser), and has
 * the server verify and store it. Call it from a user gesture (a click).
 *
 * @param janua - The {@link Janua} instance, signed in.
 * @param params - Optional name and authenticator preference.
 * @param options - `signal` cancels the requests and the browser prompt alike.
 * @returns The new passkey's id.
 * @throws {PasskeyError} when the browser step fails: `not_allowed` (dismissed), `invalid_state`
 *   (already registered on this authenticator), `timeout`, `cancelled`, `unsupported`, `security`.
 * @throws {AuthenticationError} when not signed in.
 * @throws {ValidationError} from the server when verification fails.
 * @example
 * ```ts
 * import { registerPasskey } from '@janua/passkeys/browser';
 * button.onclick = async () => {
 *   const { passkeyId } = await registerPasskey(janua, { name: 'This laptop' });
 * };
 * ```
 */
export async function registerPasskey(
  janua: Janua,
  params: RegisterPasskeyParams = {},
  options: RequestOptions = {},
): Promise<RegisterPasskeyResult> {
  const name = optionalName(params?.name);
  if (!isPasskeySupported()) throw passkeyError('unsupported');
  const begun = await beginRegistration(janua, { authenticatorAttachment: params?.authenticatorAttachment }, options);
  const credential = await ceremony(
    () => startRegistration({ optionsJSON: begun.options as PublicKeyCredentialCreationOptionsJSON }),
    { signal: options.signal, timeoutMs: begun.options.timeout },
  );
  return completeRegistration(janua, { challengeId: begun.challengeId, credential, name }, options);
}
