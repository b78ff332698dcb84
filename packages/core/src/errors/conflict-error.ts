import { JanuaError } from './janua-error';

/**
 * Thrown for 409, e.g. `User with this email already exists`.
 */
export class ConflictError extends JanuaError {
  override readonly name: string = 'ConflictError';
}
