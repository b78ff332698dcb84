import { type Janua, storeSignIn, toAuthUser, type WireSignInResponse } from '@janua/core';
import type { SignInResult } from '../types';

/** Maps a `SignInResponse`: an MFA challenge as a result, else the stored sign-in (`SIGNED_IN`). */
export async function completeSignIn(janua: Janua, wire: WireSignInResponse): Promise<SignInResult> {
  if (wire.mfa_required || !wire.tokens) {
    return { status: 'mfaRequired', user: toAuthUser(wire.user), challengeId: wire.mfa_token ?? '' };
  }
  return storeSignIn(janua, wire);
}
