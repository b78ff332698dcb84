import { JanuaError } from './janua-error';

/**
 * Thrown for 5xx responses. Idempotent requests are retried on 502/503/504 before this is thrown.
 */
export class ServerError extends JanuaError {
  override readonly name: string = 'ServerError';
}
