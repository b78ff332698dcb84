import type { Janua } from './janua';
import { type RequestOptions, request } from './request';

/** `GET /health` (contract §4.10). */
export interface HealthStatus {
  status: 'healthy' | (string & {});
  /** Deployment version, e.g. `0.1.0`. */
  version: string;
  environment: string;
}

/**
 * Checks that the API is up (`GET /health`, no credentials needed).
 *
 * @throws {ServerError} when the server answers 5xx; `NetworkError` when it is unreachable.
 * @example
 * ```ts
 * const { status, version } = await healthCheck(janua);
 * ```
 */
export async function healthCheck(janua: Janua, options: RequestOptions = {}): Promise<HealthStatus> {
  return request<HealthStatus>(janua, { ...options, method: 'GET', path: '/health', root: true, auth: 'none' });
}

/**
 * The server's deployment version (`GET /health` `.version`), or `"unknown"`. The path version is
 * always `v1`.
 *
 * @example
 * ```ts
 * console.log(await getApiVersion(janua)); // "0.1.0"
 * ```
 */
export async function getApiVersion(janua: Janua, options: RequestOptions = {}): Promise<string> {
  const health = await healthCheck(janua, options);
  return typeof health?.version === 'string' && health.version ? health.version : 'unknown';
}
