import { type Janua, parseDate, type RequestOptions, request } from '@janua/core';
import { toTrustedDevice } from './internal/map';
import type { TrustedDevice } from './types';
import type { WireDevices } from './wire';

/** A session as the devices view shows it. */
export interface DeviceSession {
  id: string;
  deviceName: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  isTrustedDevice: boolean;
  lastActivity: Date;
  createdAt: Date;
  isCurrentSession: boolean;
}

/**
 * The user's trusted devices and the sessions on each device.
 *
 * @example
 * ```ts
 * const { trustedDevices, activeSessions } = await listDevices(janua);
 * ```
 */
export async function listDevices(
  janua: Janua,
  options: RequestOptions = {},
): Promise<{ trustedDevices: TrustedDevice[]; activeSessions: DeviceSession[] }> {
  return request(janua, { ...options, method: 'GET', path: '/devices', map: toDevices });
}

function toDevices(wire: WireDevices): { trustedDevices: TrustedDevice[]; activeSessions: DeviceSession[] } {
  return {
    trustedDevices: wire.trusted_devices.map(toTrustedDevice),
    activeSessions: wire.active_sessions.map((s) => ({
      id: s.id,
      deviceName: s.device_name,
      ipAddress: s.ip_address,
      userAgent: s.user_agent,
      isTrustedDevice: s.is_trusted_device,
      lastActivity: parseDate(s.last_activity),
      createdAt: parseDate(s.created_at),
      isCurrentSession: s.is_current_session,
    })),
  };
}
