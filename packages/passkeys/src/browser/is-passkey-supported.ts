import { browserSupportsWebAuthn } from '@simplewebauthn/browser';

/**
 * True when this browser has WebAuthn (`PublicKeyCredential`), so {@link registerPasskey} and
 * {@link signInWithPasskey} can run. Synchronous, makes no request.
 *
 * @example
 * ```ts
 * if (isPasskeySupported()) passkeyButton.hidden = false;
 * ```
 */
export function isPasskeySupported(): boolean {
  return browserSupportsWebAuthn();
}
