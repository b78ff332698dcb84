import type { AuthUser, SignedIn } from '@janua/core';

export type { AuthUser, SessionSummary, SignedIn } from '@janua/core';

/** A sign-in that needs a second factor: pass `challengeId` and a code to `verifyChallenge` (@janua/mfa). */
export interface MfaRequired {
  status: 'mfaRequired';
  user: AuthUser;
  /** The `mfa_token` (valid 5 minutes). */
  challengeId: string;
}

/** Result of `signIn` and friends: switch on `status`. */
export type SignInResult = SignedIn | MfaRequired;
