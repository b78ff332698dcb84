// The browser entry: whole ceremonies on top of the server half. Re-exports only.
export { isPasskeyAutofillSupported } from './browser/is-passkey-autofill-supported';
export { isPasskeySupported } from './browser/is-passkey-supported';
export { PasskeyError, type PasskeyErrorCode } from './browser/passkey-error';
export { type RegisterPasskeyParams, type RegisterPasskeyResult, registerPasskey } from './browser/register-passkey';
export { type SignInWithPasskeyParams, signInWithPasskey } from './browser/sign-in-with-passkey';
export type { AuthenticatorAttachment, PasskeySignInResult, PasskeyUser } from './types';
