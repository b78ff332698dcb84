import { checkWire, type Janua, parseDate, parseOptionalDate, toAbsoluteUrl } from '@janua/core';
import type { Consent, User, UserUpdate } from '../types';
import type { WireConsent, WireUser, WireUserUpdate } from '../wire';

export function toUser(w: WireUser, janua: Janua): User {
  return {
    id: w.id,
    email: w.email,
    emailVerified: w.email_verified,
    username: w.username,
    firstName: w.first_name,
    lastName: w.last_name,
    displayName: w.display_name,
    profileImageUrl: toAbsoluteUrl(w.profile_image_url, janua),
    bio: w.bio,
    phoneNumber: w.phone_number,
    phoneVerified: w.phone_verified,
    timezone: w.timezone,
    locale: w.locale,
    status: w.status,
    createdAt: parseDate(w.created_at),
    updatedAt: parseDate(w.updated_at),
    lastSignInAt: parseOptionalDate(w.last_sign_in_at),
    userMetadata: w.user_metadata ?? {},
  };
}

export function toWireUserUpdate(u: UserUpdate): WireUserUpdate {
  return {
    first_name: u.firstName,
    last_name: u.lastName,
    display_name: u.displayName,
    bio: u.bio,
    phone_number: u.phoneNumber,
    timezone: u.timezone,
    locale: u.locale,
    user_metadata: u.userMetadata,
  };
}

export function toConsent(w: WireConsent): Consent {
  return {
    id: checkWire(w.id, 'string'),
    userId: checkWire(w.user_id, 'string'),
    clientId: checkWire(w.client_id, 'string'),
    scopes: checkWire(w.scopes, 'array').map((s) => checkWire(s, 'string')),
    grantedAt: parseDate(w.granted_at),
    expiresAt: parseOptionalDate(w.expires_at),
  };
}
