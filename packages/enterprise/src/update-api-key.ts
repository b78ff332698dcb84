import { assertUuid, type Janua, type RequestOptions, request } from '@janua/core';
import { toApiKey } from './internal/map';
import { requireDate, requireName, requireScopes } from './internal/validate';
import type { ApiKey } from './types';

/** Input of {@link updateApiKey}; absent fields stay unchanged. */
export interface UpdateApiKeyParams {
  apiKeyId: string;
  name?: string;
  scopes?: string[];
  /** `null` removes the expiry. */
  expiresAt?: Date | null;
  /** `false` disables the key without deleting it. */
  isActive?: boolean;
}

/**
 * Renames, re-scopes, re-dates or (de)activates an API key.
 *
 * @throws {ValidationError} for a bad id, name or scope (no request is made).
 * @example
 * ```ts
 * await updateApiKey(janua, { apiKeyId, scopes: ['users:read'], isActive: false });
 * ```
 */
export async function updateApiKey(
  janua: Janua,
  params: UpdateApiKeyParams,
  options: RequestOptions = {},
): Promise<ApiKey> {
  const id = assertUuid(params?.apiKeyId, 'apiKeyId');
  const body: Record<string, unknown> = {
    name: params.name === undefined ? undefined : requireName(params.name, 'name', 255),
    scopes: requireScopes(params.scopes),
    is_active: params.isActive,
  };
  if (params.expiresAt === null) body.expires_at = null;
  else if (params.expiresAt !== undefined) body.expires_at = requireDate(params.expiresAt, 'expiresAt')?.toISOString();
  return request(janua, { ...options, method: 'PATCH', path: `/api-keys/${id}`, body, map: toApiKey });
}
