import { checkWire } from './internal/check-wire';
import type { Janua } from './janua';
import { type RequestOptions, request } from './request';

/** Which product features the server has switched on (`GET /api/status` `.features`). */
export interface ApiFeatures {
  signups: boolean;
  magicLinks: boolean;
  oauth: boolean;
  mfa: boolean;
  organizations: boolean;
  betaEndpoints: boolean;
}

/**
 * `GET /api/status` (contract §4.10). The contract names the sections but not their contents, so
 * `authentication`, `infrastructure` and `endpoints` are passed through as the server sent them
 * (snake_case keys, deployment-specific); `features` is typed.
 */
export interface ApiStatus {
  /** e.g. `operational`. */
  status: string;
  /** Deployment version, e.g. `0.1.0`. */
  version: string;
  authentication: Record<string, unknown>;
  infrastructure: Record<string, unknown>;
  endpoints: Record<string, unknown>;
  features: ApiFeatures;
}

interface WireApiStatus {
  status: string;
  version: string;
  authentication: Record<string, unknown>;
  infrastructure: Record<string, unknown>;
  endpoints: Record<string, unknown>;
  features: {
    signups: boolean;
    magic_links: boolean;
    oauth: boolean;
    mfa: boolean;
    organizations: boolean;
    beta_endpoints: boolean;
  };
}

/**
 * The server's status page (`GET /api/status`, root level, no credentials needed): version,
 * token settings, infrastructure and which features are on. Use it to hide UI for features a
 * deployment has switched off (e.g. `features.signups`).
 *
 * @param janua - The {@link Janua} instance.
 * @throws {ServerError} when the server answers 5xx; `NetworkError` when it is unreachable;
 *   `JanuaError` code `INVALID_RESPONSE` for a 2xx body that is not a status document.
 * @example
 * ```ts
 * const { version, features } = await getApiStatus(janua);
 * if (!features.signups) console.log(`sign-ups are closed on ${version}`);
 * ```
 */
export async function getApiStatus(janua: Janua, options: RequestOptions = {}): Promise<ApiStatus> {
  return request(janua, { ...options, method: 'GET', path: '/api/status', root: true, auth: 'none', map: toApiStatus });
}

function toApiStatus(w: WireApiStatus): ApiStatus {
  const f = checkWire(w.features, 'object');
  return {
    status: checkWire(w.status, 'string'),
    version: checkWire(w.version, 'string'),
    authentication: checkWire(w.authentication, 'object'),
    infrastructure: checkWire(w.infrastructure, 'object'),
    endpoints: checkWire(w.endpoints, 'object'),
    features: {
      signups: checkWire(f.signups, 'boolean'),
      magicLinks: checkWire(f.magic_links, 'boolean'),
      oauth: checkWire(f.oauth, 'boolean'),
      mfa: checkWire(f.mfa, 'boolean'),
      organizations: checkWire(f.organizations, 'boolean'),
      betaEndpoints: checkWire(f.beta_endpoints, 'boolean'),
    },
  };
}
