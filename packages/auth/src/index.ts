export { getCurrentUser } from './get-current-user';
export { type SignInParams, signIn } from './sign-in';
export { signOut } from './sign-out';
export { type SignUpParams, signUp } from './sign-up';
export type { AuthUser, MfaRequired, SessionSummary, SignedIn, SignInResult } from './types';
