/** A user's account status. */
export type UserStatus = 'active' | 'inactive' | 'suspended' | 'pending' | 'deleted';

/** A user profile (contract `User`). */
export interface User {
  id: string;
  email: string;
  emailVerified: boolean;
  username: string | null;
  firstName: string | null;
  lastName: string | null;
  displayName: string | null;
  profileImageUrl: string | null;
  bio: string | null;
  phoneNumber: string | null;
  phoneVerified: boolean;
  timezone: string | null;
  locale: string | null;
  status: UserStatus;
  createdAt: Date;
  updatedAt: Date;
  lastSignInAt: Date | null;
  /** Your own data; passed through untouched. */
  userMetadata: Record<string, unknown>;
}

/** Profile fields to change; absent fields stay as they are (the server cannot clear them). */
export interface UserUpdate {
  firstName?: string;
  lastName?: string;
  displayName?: string;
  bio?: string;
  phoneNumber?: string;
  timezone?: string;
  locale?: string;
  /** Replaces the whole metadata object. */
  userMetadata?: Record<string, unknown>;
}

/** The user's consent to an OAuth client (a third-party app using Janua as its identity provider). */
export interface Consent {
  id: string;
  userId: string;
  /** The OAuth client's id. */
  clientId: string;
  /** What the client may do, e.g. `openid`, `profile`, `email`. */
  scopes: string[];
  /** When it was (last) granted. */
  grantedAt: Date;
  /** Null: until revoked. */
  expiresAt: Date | null;
}
