import { type Janua, storeSignIn, toAuthUser, type WireSignInResponse } from '@janua/core';
import type { MfaRequired, SignInResult } from '../types';

/**
 * Reads a `SignInResponse` inside `request`'s `map`, so a body it cannot read is
 * `INVALID_RESPONSE` before anything is stored: an MFA challenge as the result, else the wire
 * (its `tokens` are set) for {@link completeSignIn} to store.
 */
export function readSignIn(wire: WireSignInResponse): MfaRequired | WireSignInResponse {
  return wire.mfa_required || !wire.tokens
    ? { status: 'mfaRequired', user: toAuthUser(wire.user), challengeId: wire.mfa_token ?? '' }
    : wire;
}

/** Stores what {@link readSignIn} read as a sign-in (`SIGNED_IN`); an MFA challenge passes through. */
export async function completeSignIn(janua: Janua, read: MfaRequired | WireSignInResponse): Promise<SignInResult> {
  // Only the wire has `tokens`, and readSignIn returns it only when they are set.
  return (read as WireSignInResponse).tokens ? storeSignIn(janua, read as WireSignInResponse) : (read as MfaRequired);
}
