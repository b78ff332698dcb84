import { type Janua, parseDate, parseOptionalDate, type RequestOptions, request, ValidationError } from '@janua/core';
import type { TrustedDevice } from './types';
import type { WireTrustedDevice } from './wire';

/** Input of {@link trustDevice}. */
export interface TrustDeviceParams {
  /** Up to 255 characters, e.g. `Ada's laptop`. */
  deviceName?: string;
  /** 1–365 days. Default 30. */
  durationDays?: number;
}

/**
 * Trusts the calling device (identified by its User-Agent) for the signed-in user
 * (`POST /devices/trust`). Upstream sign-in does not yet skip MFA on trusted devices.
 *
 * @throws {ValidationError} locally for a name over 255 characters or a duration outside 1–365.
 * @example
 * ```ts
 * const device = await trustDevice(janua, { deviceName: 'Work laptop', durationDays: 30 });
 * console.log(device.trustExpiresAt);
 * ```
 */
export async function trustDevice(
  janua: Janua,
  params?: TrustDeviceParams,
  options: RequestOptions = {},
): Promise<TrustedDevice> {
  // A default covers only `undefined`; untyped callers also pass `null`.
  const { deviceName, durationDays } = params ?? {};
  if (deviceName !== undefined && (typeof deviceName !== 'string' || deviceName.length > 255)) {
    throw new ValidationError({ code: 'VALIDATION_ERROR', message: 'deviceName must be at most 255 characters' });
  }
  if (durationDays !== undefined && (!Number.isInteger(durationDays) || durationDays < 1 || durationDays > 365)) {
    throw new ValidationError({ code: 'VALIDATION_ERROR', message: 'durationDays must be an integer from 1 to 365' });
  }
  return request(janua, {
    ...options,
    method: 'POST',
    path: '/devices/trust',
    body: { device_name: deviceName, trust_duration_days: durationDays },
    map: (w: WireTrustedDevice) => ({
      id: w.id,
      deviceName: w.device_name,
      deviceFingerprint: w.device_fingerprint,
      lastIpAddress: w.last_ip_address,
      lastLocation: w.last_location,
      lastUsedAt: parseDate(w.last_used_at),
      trustExpiresAt: parseOptionalDate(w.trust_expires_at),
      createdAt: parseDate(w.created_at),
      isCurrentDevice: w.is_current_device,
    }),
  });
}
