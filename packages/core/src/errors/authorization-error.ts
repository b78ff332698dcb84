import { JanuaError } from './janua-error';

/**
 * Thrown for 403: the caller is authenticated but lacks the permission (`Permission denied: users:read`, `Admin access required`).
 */
export class AuthorizationError extends JanuaError {
  override readonly name: string = 'AuthorizationError';
}
