import { JanuaError } from './janua-error';

/**
 * Thrown for 401 (bad, expired or missing credentials), for 403 `Not authenticated`, and for 423 lockouts (`code === 'ACCOUNT_LOCKED'`). A failed token refresh also throws it after clearing the stored tokens.
 */
export class AuthenticationError extends JanuaError {
  override readonly name: string = 'AuthenticationError';
}
