import type { StoredTokens } from '@janua/core';

/** Binary WebAuthn values travel as base64url without padding (contract §4.7). */
export type Base64URLString = string;

/** How an authenticator is attached: built into the device, or roaming (security key, phone). */
export type AuthenticatorAttachment = 'platform' | 'cross-platform';

/** Transports an authenticator reported for a credential. */
export type AuthenticatorTransport = 'ble' | 'cable' | 'hybrid' | 'internal' | 'nfc' | 'smart-card' | 'usb';

/** A credential the browser should exclude (registration) or may use (sign-in). */
export interface PasskeyCredentialDescriptor {
  id: Base64URLString;
  type: 'public-key';
  transports?: AuthenticatorTransport[];
}

/**
 * `PublicKeyCredentialCreationOptionsJSON` (WebAuthn L3) as the server sends it: pass it to
 * `navigator.credentials.create` through `PublicKeyCredential.parseCreationOptionsFromJSON`, or to
 * @simplewebauthn/browser's `startRegistration({ optionsJSON })`.
 */
export interface PasskeyRegistrationOptions {
  /** Valid 5 minutes, single use. */
  challenge: Base64URLString;
  rp: { id?: string; name: string };
  /** `id` is the base64url of the UTF-8 bytes of the user's id; `name` is the email. */
  user: { id: Base64URLString; name: string; displayName: string };
  /** ES256 (-7) then RS256 (-257). */
  pubKeyCredParams: { type: 'public-key'; alg: number }[];
  timeout?: number;
  /** The user's existing passkeys, so one authenticator is not registered twice. */
  excludeCredentials?: PasskeyCredentialDescriptor[];
  authenticatorSelection?: {
    authenticatorAttachment?: AuthenticatorAttachment;
    requireResidentKey?: boolean;
    residentKey?: 'discouraged' | 'preferred' | 'required';
    userVerification?: 'discouraged' | 'preferred' | 'required';
  };
  attestation?: 'none' | 'indirect' | 'direct' | 'enterprise';
  hints?: ('hybrid' | 'security-key' | 'client-device')[];
  extensions?: Record<string, unknown>;
}

/** `PublicKeyCredentialRequestOptionsJSON` (WebAuthn L3) as the server sends it. */
export interface PasskeyAuthenticationOptions {
  challenge: Base64URLString;
  rpId?: string;
  timeout?: number;
  /** The account's passkeys when an email was given; `[]` lets the user pick a discoverable passkey. */
  allowCredentials?: PasskeyCredentialDescriptor[];
  userVerification?: 'discouraged' | 'preferred' | 'required';
  hints?: ('hybrid' | 'security-key' | 'client-device')[];
  extensions?: Record<string, unknown>;
}

/** Client extension outputs (`getClientExtensionResults()`) as the browser reports them. */
export interface ClientExtensionResults {
  appid?: boolean;
  credProps?: { rk?: boolean };
  hmacCreateSecret?: boolean;
  prf?: unknown;
}

/** `RegistrationResponseJSON`: what `startRegistration()` (or `credential.toJSON()`) returns. */
export interface PasskeyRegistrationCredential {
  id: Base64URLString;
  rawId: Base64URLString;
  type: 'public-key';
  response: {
    clientDataJSON: Base64URLString;
    attestationObject: Base64URLString;
    authenticatorData?: Base64URLString;
    transports?: string[];
    publicKeyAlgorithm?: number;
    publicKey?: Base64URLString;
  };
  /** Stored as the passkey's attachment. */
  authenticatorAttachment?: AuthenticatorAttachment;
  clientExtensionResults: ClientExtensionResults;
}

/** `AuthenticationResponseJSON`: what `startAuthentication()` (or `credential.toJSON()`) returns. */
export interface PasskeyAuthenticationCredential {
  /** The credential id; the server finds the passkey by it. */
  id: Base64URLString;
  rawId: Base64URLString;
  type: 'public-key';
  response: {
    clientDataJSON: Base64URLString;
    authenticatorData: Base64URLString;
    signature: Base64URLString;
    userHandle?: Base64URLString;
  };
  authenticatorAttachment?: AuthenticatorAttachment;
  clientExtensionResults: ClientExtensionResults;
}

/** A registered passkey (contract `Passkey`). */
export interface Passkey {
  id: string;
  name: string | null;
  authenticatorAttachment: AuthenticatorAttachment | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  /** The authenticator's signature counter at the last sign-in (0 for authenticators without one). */
  signCount: number;
}

/** The user a passkey sign-in signed in. */
export interface PasskeyUser {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
}

/** A completed passkey sign-in: the tokens are already stored on the instance. */
export interface PasskeySignInResult {
  status: 'signedIn';
  user: PasskeyUser;
  /** The session the sign-in created; null against servers that do not report it (upstream). */
  session: { id: string; expiresAt: Date } | null;
  tokens: StoredTokens;
}

/** What the server says about passkey support (`GET /passkeys/availability`). */
export interface PasskeyAvailability {
  available: boolean;
  platformAuthenticator: boolean;
  roamingAuthenticator: boolean;
  conditionalMediation: boolean;
  userVerifyingPlatformAuthenticator: boolean;
}
