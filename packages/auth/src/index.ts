export { refreshTokens } from '@janua/core';
export { type ChangePasswordParams, changePassword } from './change-password';
export { type AuthSession, type AuthSessionUser, getAuthSession } from './get-auth-session';
export { getCurrentUser } from './get-current-user';
export { type GetOAuthUrlParams, getOAuthUrl, type OAuthStart } from './get-oauth-url';
export {
  type HandleOAuthCallbackParams,
  handleOAuthCallback,
  type OAuthCallbackResult,
  type OAuthUser,
} from './handle-oauth-callback';
export { linkOAuthAccount } from './link-oauth-account';
export { listOAuthAccounts, type OAuthAccount, type OAuthAccounts } from './list-oauth-accounts';
export { listOAuthProviders, type OAuthProviderInfo } from './list-oauth-providers';
export { OAUTH_PROVIDERS, type OAuthProvider } from './oauth-provider';
export { type RequestPasswordResetParams, requestPasswordReset } from './request-password-reset';
export { resendVerificationEmail } from './resend-verification-email';
export { type ResetPasswordParams, resetPassword } from './reset-password';
export { type SendMagicLinkParams, sendMagicLink } from './send-magic-link';
export { type SignInParams, signIn } from './sign-in';
export { signOut } from './sign-out';
export { type SignUpParams, signUp } from './sign-up';
export type { AuthUser, MfaRequired, SessionSummary, SignedIn, SignInResult } from './types';
export { unlinkOAuthAccount } from './unlink-oauth-account';
export { verifyEmail } from './verify-email';
export { verifyMagicLink } from './verify-magic-link';
