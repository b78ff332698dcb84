import { parseDate, parseOptionalDate, toStoredTokens } from '@janua/core';
import type { Passkey, PasskeyRegistrationOptions, PasskeySignInResult } from '../types';
import type { WirePasskey, WirePasskeySignInResult, WireRegistrationOptions } from '../wire';

export function toPasskey(w: WirePasskey): Passkey {
  return {
    id: w.id,
    name: w.name,
    authenticatorAttachment: w.authenticator_attachment,
    createdAt: parseDate(w.created_at),
    lastUsedAt: parseOptionalDate(w.last_used_at),
    signCount: w.sign_count,
  };
}

/** Contract §4.7: snake_case `authenticatorSelection` keys become the WebAuthn names. */
export function toRegistrationOptions(w: WireRegistrationOptions): PasskeyRegistrationOptions {
  const sel = w.authenticatorSelection;
  if (!sel) return w;
  const {
    authenticator_attachment,
    require_resident_key,
    resident_key,
    user_verification,
    authenticatorAttachment = authenticator_attachment,
    requireResidentKey = require_resident_key,
    residentKey = resident_key,
    userVerification = user_verification,
  } = sel;
  const authenticatorSelection: NonNullable<PasskeyRegistrationOptions['authenticatorSelection']> = {};
  if (authenticatorAttachment !== undefined) authenticatorSelection.authenticatorAttachment = authenticatorAttachment;
  if (requireResidentKey !== undefined) authenticatorSelection.requireResidentKey = requireResidentKey;
  if (residentKey !== undefined) authenticatorSelection.residentKey = residentKey;
  if (userVerification !== undefined) authenticatorSelection.userVerification = userVerification;
  return { ...w, authenticatorSelection };
}

/** Maps the flat passkey sign-in answer (inside `map`, so an unreadable one stores nothing). */
export function toPasskeySignIn(w: WirePasskeySignInResult): PasskeySignInResult {
  const tokens = toStoredTokens(w);
  return {
    status: 'signedIn',
    user: { id: w.user.id, email: w.user.email, firstName: w.user.first_name, lastName: w.user.last_name },
    session: w.session ? { id: w.session.id, expiresAt: parseDate(w.session.expires_at) } : null,
    tokens,
  };
}
