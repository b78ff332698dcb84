export {
  type BeginAuthenticationParams,
  type BeginAuthenticationResult,
  beginAuthentication,
} from './begin-authentication';
export { type BeginRegistrationParams, type BeginRegistrationResult, beginRegistration } from './begin-registration';
export {
  type CompleteAuthenticationParams,
  completeAuthentication,
} from './complete-authentication';
export {
  type CompleteRegistrationParams,
  type CompleteRegistrationResult,
  completeRegistration,
} from './complete-registration';
export { type DeletePasskeyParams, deletePasskey } from './delete-passkey';
export { getPasskeyAvailability } from './get-passkey-availability';
export { iteratePasskeys } from './iterate-passkeys';
export { type ListPasskeysParams, listPasskeys } from './list-passkeys';
export { type RenamePasskeyParams, renamePasskey } from './rename-passkey';
export type {
  AuthenticatorAttachment,
  AuthenticatorTransport,
  Base64URLString,
  ClientExtensionResults,
  Passkey,
  PasskeyAuthenticationCredential,
  PasskeyAuthenticationOptions,
  PasskeyAvailability,
  PasskeyCredentialDescriptor,
  PasskeyRegistrationCredential,
  PasskeyRegistrationOptions,
  PasskeySignInResult,
  PasskeyUser,
} from './types';
