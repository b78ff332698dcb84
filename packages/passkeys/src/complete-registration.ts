import { checkWire, type Janua, type RequestOptions, request } from '@janua/core';
import { challengeOf, invalid, optionalName, requireString } from './internal/validate';
import type { PasskeyRegistrationCredential } from './types';
import type { WireRegisterVerifyResponse } from './wire';

/** Input of {@link completeRegistration}. */
export interface CompleteRegistrationParams {
  /** From {@link beginRegistration}. */
  challengeId: string;
  /** What the browser returned (`startRegistration()` or `credential.toJSON()`). */
  credential: PasskeyRegistrationCredential;
  /** A label the user will recognise in `listPasskeys`, 1 to 100 characters. */
  name?: string;
}

/** Output of {@link completeRegistration}. */
export interface CompleteRegistrationResult {
  /** The new passkey's id (for `renamePasskey` / `deletePasskey`). */
  passkeyId: string;
}

/**
 * Finishes registering a passkey (`POST /passkeys/register/verify`): the server verifies the
 * attestation against the pending challenge, the origin and the rpId, and stores the public key.
 *
 * @param janua - The {@link Janua} instance, signed in as the user who began the registration.
 * @param params - The `challengeId`, the browser's credential and an optional name.
 * @returns The new passkey's id.
 * @throws {ValidationError} locally when the credential is malformed or answers another challenge;
 *   from the server (400) `No registration in progress`, `Registration verification failed: …` or
 *   `This passkey is already registered`.
 * @throws {AuthenticationError} when not signed in.
 * @example
 * ```ts
 * const { passkeyId } = await completeRegistration(janua, { challengeId, credential, name: 'Laptop' });
 * ```
 */
export async function completeRegistration(
  janua: Janua,
  params: CompleteRegistrationParams,
  options: RequestOptions = {},
): Promise<CompleteRegistrationResult> {
  const challengeId = requireString(params?.challengeId, 'challengeId');
  const name = optionalName(params.name);
  if (challengeOf(params.credential, ['clientDataJSON', 'attestationObject']) !== challengeId) {
    throw invalid('credential', 'credential answers a different challenge than challengeId');
  }
  return request(janua, {
    ...options,
    method: 'POST',
    path: '/passkeys/register/verify',
    body: { credential: params.credential, name },
    map: (wire: WireRegisterVerifyResponse) => ({ passkeyId: checkWire(wire.passkey_id, 'string') }),
  });
}
