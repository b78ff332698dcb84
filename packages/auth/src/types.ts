import type { StoredTokens } from '@janua/core';

/** The signed-in user as auth flows return it (contract `AuthUser`). */
export interface AuthUser {
  id: string;
  email: string;
  emailVerified: boolean;
  username: string | null;
  firstName: string | null;
  lastName: string | null;
  profileImageUrl: string | null;
  isAdmin: boolean;
  createdAt: Date;
  updatedAt: Date;
  lastSignInAt: Date | null;
}

/** The session a sign-in created. */
export interface SessionSummary {
  id: string;
  /** When the session (its refresh token) expires. */
  expiresAt: Date;
}

/** A completed sign-in: the tokens are already stored on the instance. */
export interface SignedIn {
  status: 'signedIn';
  user: AuthUser;
  /** Null against servers that do not report it (upstream). */
  session: SessionSummary | null;
  tokens: StoredTokens;
}

/** A sign-in that needs a second factor: pass `challengeId` and a code to `verifyChallenge` (@janua/mfa). */
export interface MfaRequired {
  status: 'mfaRequired';
  user: AuthUser;
  /** The `mfa_token` (valid 5 minutes). */
  challengeId: string;
}

/** Result of `signIn` and friends: switch on `status`. */
export type SignInResult = SignedIn | MfaRequired;
