import type { JanuaOptions } from '../config';
import { createJanuaInstance } from '../create-janua-instance';
import type { HeaderPolicy, Janua } from '../janua';
import { createFetchTransport } from '../transport/fetch';

// Contract §1.2: a browser may send only these (plus the safelisted ones) or the preflight fails.
// They live here, not in request.ts, so that only browser bundles carry them.
const BROWSER_HEADERS = new Set([
  'authorization',
  'content-type',
  'x-requested-with',
  'accept',
  'cache-control',
  'x-csrf-token',
  'if-modified-since',
  'dnt',
  'accept-language',
  'content-language',
]);

const browserHeaders: HeaderPolicy = (headers, { _internal: { shared } }) => {
  for (const name in headers) {
    if (BROWSER_HEADERS.has(name)) continue;
    delete headers[name];
    if (!shared.warned.has(name)) {
      shared.warned.add(name);
      shared.logger.warn(`[janua] header ${name} is not sent from browsers: the API's CORS policy rejects it`);
    }
  }
};

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
  // Browsers never read process: no env argument.
  const janua = createJanuaInstance(options, 'browser', createFetchTransport, browserHeaders);
  if (janua.config.apiKey) {
    janua._internal.shared.logger.warn('[janua] apiKey is ignored in browsers: API keys are server-side secrets');
  }
  return janua;
}
