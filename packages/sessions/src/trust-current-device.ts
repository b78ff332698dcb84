import { type Janua, type RequestOptions, request, ValidationError } from '@janua/core';
import { toTrustedDevice } from './internal/map';
import type { TrustedDevice } from './types';

/**
 * Trusts the device making this call (identified by its User-Agent) for `durationDays` (1–365,
 * default 30).
 *
 * @example
 * ```ts
 * await trustCurrentDevice(janua, { deviceName: 'Work laptop', durationDays: 90 });
 * ```
 */
export async function trustCurrentDevice(
  janua: Janua,
  params?: { deviceName?: string; durationDays?: number },
  options: RequestOptions = {},
): Promise<TrustedDevice> {
  // A default covers only `undefined`; untyped callers also pass `null`.
  params ??= {};
  const days = params.durationDays;
  if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 365)) {
    throw new ValidationError({ code: 'VALIDATION_ERROR', message: 'durationDays must be an integer from 1 to 365' });
  }
  return request(janua, {
    ...options,
    method: 'POST',
    path: '/devices/trust',
    body: { device_name: params.deviceName, trust_duration_days: days },
    map: toTrustedDevice,
  });
}
