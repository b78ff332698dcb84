import { NetworkError } from './network-error';

/**
 * Thrown when one attempt exceeded the configured `timeout` (`code: 'TIMEOUT'`).
 */
export class TimeoutError extends NetworkError {
  override readonly name: string = 'TimeoutError';
}
