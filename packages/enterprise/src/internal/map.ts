import { parseDate, parseOptionalDate } from '@janua/core';
import type { ApiKey, ApiKeyWithSecret, AuditLog, AuditStats } from '../types';
import type { WireApiKey, WireApiKeyWithSecret, WireAuditLog, WireAuditStats } from '../wire';

export function toApiKey(w: WireApiKey): ApiKey {
  return {
    id: w.id,
    userId: w.user_id,
    organizationId: w.organization_id,
    name: w.name,
    prefix: w.prefix,
    keyPrefix: w.key_prefix,
    scopes: w.scopes,
    rateLimitPerMin: w.rate_limit_per_min,
    isActive: w.is_active,
    lastUsedAt: parseOptionalDate(w.last_used),
    expiresAt: parseOptionalDate(w.expires_at),
    revokedAt: parseOptionalDate(w.revoked_at),
    createdAt: parseDate(w.created_at),
    updatedAt: parseDate(w.updated_at),
  };
}

export function toApiKeyWithSecret(w: WireApiKeyWithSecret): ApiKeyWithSecret {
  return { ...toApiKey(w), key: w.key };
}

export function toAuditLog(w: WireAuditLog): AuditLog {
  return {
    id: w.id,
    action: w.action,
    userId: w.user_id,
    userEmail: w.user_email,
    resourceType: w.resource_type,
    resourceId: w.resource_id,
    details: w.details,
    ipAddress: w.ip_address,
    userAgent: w.user_agent,
    timestamp: parseDate(w.timestamp),
  };
}

export function toAuditStats(w: WireAuditStats): AuditStats {
  return {
    totalEvents: w.total_events,
    eventsByAction: w.events_by_action,
    eventsByUser: w.events_by_user.map((u) => ({ userId: u.user_id, email: u.email, count: u.count })),
    eventsByResourceType: w.events_by_resource_type,
    eventsByHour: w.events_by_hour.map((h) => ({ hour: parseDate(h.hour), count: h.count })),
    uniqueUsers: w.unique_users,
    uniqueIps: w.unique_ips,
    timeRange: { start: parseDate(w.time_range.start), end: parseDate(w.time_range.end) },
  };
}

/** ISO-8601 with `Z` for query/body dates (§1.8). */
export const toWireDate = (d: Date | undefined | null): string | undefined => (d ? d.toISOString() : undefined);
