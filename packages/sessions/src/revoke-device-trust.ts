import { assertUuid, type Janua, type RequestOptions, request } from '@janua/core';

/**
 * Stops trusting one device.
 *
 * @throws {NotFoundError} `Device not found`.
 * @example
 * ```ts
 * await revokeDeviceTrust(janua, { deviceId });
 * ```
 */
export async function revokeDeviceTrust(
  janua: Janua,
  params: { deviceId: string },
  options: RequestOptions = {},
): Promise<void> {
  const id = assertUuid(params?.deviceId, 'deviceId');
  await request(janua, { ...options, method: 'DELETE', path: `/devices/trusted/${id}` });
}
