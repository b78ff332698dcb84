import { JanuaError } from './janua-error';

/**
 * Thrown when no response arrived: DNS failure, connection reset, a CORS rejection in browsers (`code: 'NETWORK_ERROR'`) or a cancelled call (`code: 'ABORTED'`). `cause` holds the original error.
 */
export class NetworkError extends JanuaError {
  override readonly name: string = 'NetworkError';
}
