import { JanuaError } from './janua-error';

/**
 * Thrown synchronously by `createJanua` and friends for bad options; the message names the option.
 */
export class ConfigurationError extends JanuaError {
  override readonly name: string = 'ConfigurationError';
}
