import { assertUuid, checkWire, type Janua, type RequestOptions, request } from '@janua/core';
import type { ScimToken } from './types';
import type { WireScimToken } from './wire';

/**
 * Issues a new SCIM bearer token (the previous one stops working). This is the only way to see a
 * token: hand it to the IdP and do not store it elsewhere.
 *
 * @throws {ValidationError} when `organizationId` is not a UUID (no request is made).
 * @throws {NotFoundError} `SCIM configuration not found`.
 * @example
 * ```ts
 * const { bearerToken } = await rotateScimToken(janua, { organizationId });
 * ```
 */
export async function rotateScimToken(
  janua: Janua,
  params: { organizationId: string },
  options: RequestOptions = {},
): Promise<ScimToken> {
  const orgId = assertUuid(params?.organizationId, 'organizationId');
  return request(janua, {
    ...options,
    method: 'POST',
    path: `/organizations/${orgId}/scim/config/token`,
    map: (wire: WireScimToken) => ({
      bearerToken: checkWire(wire.bearer_token, 'string'),
      message: checkWire(wire.message, 'string'),
    }),
  });
}
