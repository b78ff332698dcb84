import { assertUuid, type Janua, type RequestOptions, requestRaw } from '@janua/core';

/**
 * The SAML service-provider metadata XML of an organization, to upload to the IdP. Public.
 *
 * @throws {ValidationError} when `organizationId` is not a UUID (no request is made).
 * @throws {NotFoundError} `SSO configuration not found`.
 * @example
 * ```ts
 * const xml = await getSsoMetadata(janua, { organizationId });
 * ```
 */
export async function getSsoMetadata(
  janua: Janua,
  params: { organizationId: string },
  options: RequestOptions = {},
): Promise<string> {
  const orgId = assertUuid(params?.organizationId, 'organizationId');
  const res = await requestRaw(janua, {
    ...options,
    method: 'GET',
    path: `/sso/metadata/${orgId}`,
    auth: 'none',
    headers: { accept: 'application/xml' },
  });
  return res.text();
}
