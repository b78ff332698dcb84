import type { JanuaOptions } from '../config';
import { createJanuaInstance } from '../create-janua-instance';
import type { Janua } from '../janua';
import { createFetchTransport } from '../transport/fetch';
import { processEnv, serverHeaders } from './server-headers';

/**
 * Creates a Janua instance. Reads `JANUA_API_KEY`, `JANUA_BASE_URL` and `JANUA_ENVIRONMENT` where a
 * `process.env` exists; options win over the environment.
 *
 * @param options - See {@link JanuaOptions}; all optional.
 * @returns A frozen instance to pass to every SDK function.
 * @throws {ConfigurationError} for a non-http(s) base URL, a negative timeout, an unknown environment.
 * @example
 * ```ts
 * import { createJanua } from '@janua/core';
 * const janua = createJanua({ baseUrl: 'http://localhost:4100' });
 * ```
 */
export function createJanua(options: JanuaOptions = {}): Janua {
  return createJanuaInstance(options, 'web', createFetchTransport, serverHeaders, processEnv());
}
