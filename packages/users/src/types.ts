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
