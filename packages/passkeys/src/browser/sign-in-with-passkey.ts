import { ConfigurationError, type Janua, type RequestOptions } from '@janua/core';
import {
  browserSupportsWebAuthnAutofill,
  type PublicKeyCredentialRequestOptionsJSON,
  startAuthentication,
} from '@simplewebauthn/browser';
import { beginAuthentication } from '../begin-authentication';
import { completeAuthentication } from '../complete-authentication';
import type { PasskeySignInResult } from '../types';
import { ceremony, passkeyError } from './internal/ceremony';
import { isPasskeySupported } from './is-passkey-supported';

/** Input of {@link signInWithPasskey}. */
export interface SignInWithPasskeyParams {
  /** Limit the prompt to this account's passkeys; without it the user picks any passkey for the site. */
  email?: string;
  /**
   * Conditional UI: offer passkeys in the autofill list of an `<input autocomplete="username webauthn">`
   * instead of a modal prompt. The promise settles when the user picks one (or the ceremony is
   * cancelled); start it on page load. `email` is ignored, since autofill needs an open choice.
   */
  conditional?: boolean;
}

/**
 * Signs in with a passkey in one call: fetches request options, lets the browser sign the challenge
 * (`navigator.credentials.get` via @simplewebauthn/browser), and has the server verify it. The
 * tokens are stored on `janua` (emitting `SIGNED_IN`), as `signIn` does.
 *
 * @param janua - The {@link Janua} instance.
 * @param params - Optional `email`, or `conditional: true` for autofill.
 * @param options - `signal` cancels the requests and the browser prompt alike.
 * @returns A `signedIn` result with the user, session and tokens.
 * @throws {PasskeyError} when the browser step fails: `not_allowed` (dismissed, or no passkey on
 *   this device), `timeout`, `cancelled` (your signal, or another ceremony started), `unsupported`.
 * @throws {ConfigurationError} for `conditional: true` without an `autocomplete="… webauthn"` input.
 * @throws {ValidationError} from the server: `Authentication challenge expired or not found`,
 *   `Authentication verification failed: …`.
 * @throws {NotFoundError} `Passkey not found` (the passkey was deleted on the server).
 * @example
 * ```ts
 * import { signInWithPasskey } from '@janua/passkeys/browser';
 * const { user } = await signInWithPasskey(janua, { email: 'ada@example.com' });
 * ```
 */
export async function signInWithPasskey(
  janua: Janua,
  params: SignInWithPasskeyParams = {},
  options: RequestOptions = {},
): Promise<PasskeySignInResult> {
  const conditional = params?.conditional === true;
  if (!isPasskeySupported()) throw passkeyError('unsupported');
  if (conditional) {
    if (!(await browserSupportsWebAuthnAutofill())) throw passkeyError('unsupported');
    if (!document.querySelector("input[autocomplete$='webauthn']")) {
      throw new ConfigurationError({
        code: 'CONFIGURATION_ERROR',
        message: 'conditional: true needs an <input autocomplete="username webauthn"> on the page',
      });
    }
  }
  const email = conditional ? undefined : params?.email;
  const begun = await beginAuthentication(janua, { email }, options);
  const credential = await ceremony(
    () =>
      startAuthentication({
        optionsJSON: begun.options as PublicKeyCredentialRequestOptionsJSON,
        useBrowserAutofill: conditional,
      }),
    // Conditional UI waits for the user as long as the page lives; its `timeout` does not apply.
    { signal: options.signal, timeoutMs: conditional ? undefined : begun.options.timeout },
  );
  return completeAuthentication(janua, { challengeId: begun.challengeId, credential, email }, options);
}
