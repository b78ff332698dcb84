import { JanuaError } from './janua-error';

/**
 * Thrown for 404 and 410 (an expired invitation).
 */
export class NotFoundError extends JanuaError {
  override readonly name: string = 'NotFoundError';
}
