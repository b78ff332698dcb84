import { parseDate, parseOptionalDate } from '@janua/core';
import type { Session, TrustedDevice } from '../types';
import type { WireSession, WireTrustedDevice } from '../wire';

export function toSession(w: WireSession): Session {
  return {
    id: w.id,
    userId: w.user_id,
    ipAddress: w.ip_address,
    userAgent: w.user_agent,
    deviceName: w.device_name,
    deviceType: w.device_type,
    browser: w.browser,
    os: w.os,
    isCurrent: w.is_current,
    createdAt: parseDate(w.created_at),
    lastActivityAt: parseDate(w.last_activity_at),
    expiresAt: parseDate(w.expires_at),
    revoked: w.revoked,
  };
}

export function toTrustedDevice(w: WireTrustedDevice): TrustedDevice {
  return {
    id: w.id,
    deviceName: w.device_name,
    deviceFingerprint: w.device_fingerprint,
    lastIpAddress: w.last_ip_address,
    lastLocation: w.last_location,
    lastUsedAt: parseDate(w.last_used_at),
    trustExpiresAt: parseOptionalDate(w.trust_expires_at),
    createdAt: parseDate(w.created_at),
    isCurrentDevice: w.is_current_device,
  };
}
