import { assertUuid, checkWire, type Janua, type RequestOptions, request } from '@janua/core';

/**
 * Runs the server's checks of a configuration (platform admins). The report is provider-specific,
 * so it is returned as the server sends it (snake_case). The dev server answers
 * `{configuration_id, provider, success, checks: {name, passed, detail}[], sp_entity_id, acs_url, metadata_url}`.
 *
 * @throws {ValidationError} when `configurationId` is not a UUID (no request is made).
 * @throws {NotFoundError} `SSO configuration not found`.
 * @example
 * ```ts
 * const report = await testSsoConfiguration(janua, { configurationId: config.id });
 * if (!report.success) console.warn(report.checks);
 * ```
 */
export async function testSsoConfiguration(
  janua: Janua,
  params: { configurationId: string },
  options: RequestOptions = {},
): Promise<Record<string, unknown>> {
  const id = assertUuid(params?.configurationId, 'configurationId');
  return request(janua, {
    ...options,
    method: 'POST',
    path: '/sso/test',
    body: { configuration_id: id },
    map: (wire: Record<string, unknown>) => checkWire(wire, 'object'),
  });
}
