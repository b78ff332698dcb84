import { browserSupportsWebAuthnAutofill } from '@simplewebauthn/browser';

/**
 * True when this browser can offer passkeys in an input's autofill list (conditional mediation),
 * i.e. when `signInWithPasskey(janua, { conditional: true })` can work.
 *
 * @example
 * ```ts
 * if (await isPasskeyAutofillSupported()) void signInWithPasskey(janua, { conditional: true }).then(onSignedIn);
 * ```
 */
export function isPasskeyAutofillSupported(): Promise<boolean> {
  return browserSupportsWebAuthnAutofill();
}
