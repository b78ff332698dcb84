import { assertUuid, type Janua, type RequestOptions, request } from '@janua/core';
import { toApiKeyWithSecret } from './internal/map';
import { requireDate, requireInt, requireName, requireScopes } from './internal/validate';
import type { ApiKeyWithSecret } from './types';

/** Input of {@link createApiKey}. */
export interface CreateApiKeyParams {
  /** Always sent: upstream fails with 503 for users of several organizations without it. */
  organizationId: string;
  /** 1–255 characters. */
  name: string;
  /** `resource:action` (e.g. `users:read`) or `*`; default `["*"]`. */
  scopes?: string[];
  /** Requests per minute for this key, 1–10 000; default 60. */
  rateLimitPerMin?: number;
  expiresAt?: Date;
}

/**
 * Creates an API key for an organization. The full key is in the result only now: store it.
 *
 * @throws {ValidationError} for a bad `organizationId`, name, scope or rate (no request is made).
 * @throws {AuthorizationError} `Not a member of the specified organization`.
 * @example
 * ```ts
 * const { key, id } = await createApiKey(janua, { organizationId, name: 'ci', scopes: ['users:read'] });
 * ```
 */
export async function createApiKey(
  janua: Janua,
  params: CreateApiKeyParams,
  options: RequestOptions = {},
): Promise<ApiKeyWithSecret> {
  const orgId = assertUuid(params?.organizationId, 'organizationId');
  const body = {
    name: requireName(params.name, 'name', 255),
    scopes: requireScopes(params.scopes),
    rate_limit_per_min: requireInt(params.rateLimitPerMin, 'rateLimitPerMin', 1, 10_000),
    expires_at: requireDate(params.expiresAt, 'expiresAt')?.toISOString(),
  };
  return request(janua, {
    ...options,
    method: 'POST',
    path: '/api-keys',
    query: { organization_id: orgId },
    body,
    map: toApiKeyWithSecret,
  });
}
