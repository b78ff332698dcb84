import { type Janua, setTokens, toAuthUser, toSignedIn, type WireSignInResponse } from '@janua/core';
import type { SignInResult } from '../types';

/**
 * Reads a `SignInResponse` inside `request`'s `map`, so a body it cannot read (an MFA challenge
 * without its token, a sign-in without tokens) is `INVALID_RESPONSE`, with the request id, before
 * anything is stored.
 */
export function readSignIn(wire: WireSignInResponse, janua: Janua): SignInResult {
  if (!wire?.mfa_required) return toSignedIn(wire, janua);
  if (typeof wire.mfa_token !== 'string' || !wire.mfa_token) throw new TypeError('mfa_token is missing');
  return { status: 'mfaRequired', user: toAuthUser(wire.user, janua), challengeId: wire.mfa_token };
}

/** Stores the tokens of a sign-in that {@link readSignIn} read (`SIGNED_IN`); an MFA challenge passes through. */
export async function completeSignIn(janua: Janua, result: SignInResult): Promise<SignInResult> {
  if (result.status === 'signedIn') await setTokens(janua, result.tokens);
  return result;
}
