import type { HeaderPolicy } from '../janua';

/**
 * @internal Node and edge runtimes send the request id and the API key; browsers never do (the
 * API's CORS policy rejects `X-Request-ID`, and API keys are server-side secrets).
 */
export const serverHeaders: HeaderPolicy = (headers, { config }, requestId) => {
  headers['x-request-id'] = requestId;
  if (config.apiKey) headers['x-api-key'] = config.apiKey;
};

/** @internal `process.env` where it exists; edge runtimes may have no `process` at all. */
export const processEnv = (): Record<string, string | undefined> | undefined =>
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
