import { checkWire, parseDate, parseOptionalDate } from '@janua/core';
import type { ApiKey, ApiKeyWithSecret, AuditLog, AuditStats, ScimConfig, ScimLog, ScimStatus } from '../types';
import type {
  WireApiKey,
  WireApiKeyWithSecret,
  WireAuditLog,
  WireAuditStats,
  WireScimConfig,
  WireScimLog,
  WireScimStatus,
} from '../wire';

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

export function toScimConfig(w: WireScimConfig): ScimConfig {
  return {
    id: w.id,
    organizationId: w.organization_id,
    provider: w.provider,
    enabled: w.enabled,
    baseUrl: w.base_url,
    bearerTokenPrefix: w.bearer_token_prefix,
    configuration: w.configuration ?? {},
    createdAt: parseDate(w.created_at),
    updatedAt: parseDate(w.updated_at),
  };
}

export function toScimLog(w: WireScimLog): ScimLog {
  return {
    id: w.id,
    operation: w.operation,
    resourceType: w.resource_type,
    scimId: w.scim_id,
    internalId: w.internal_id,
    status: w.status,
    errorMessage: w.error_message,
    errorCode: w.error_code,
    syncedAt: parseDate(w.synced_at),
  };
}

export function toScimStatus(w: WireScimStatus): ScimStatus {
  return {
    enabled: checkWire(w.enabled, 'boolean'),
    provider: checkWire(w.provider, 'string'),
    totalUsers: checkWire(w.total_users, 'number'),
    totalGroups: checkWire(w.total_groups, 'number'),
    syncedUsers: checkWire(w.synced_users, 'number'),
    syncedGroups: checkWire(w.synced_groups, 'number'),
    pendingUsers: checkWire(w.pending_users, 'number'),
    pendingGroups: checkWire(w.pending_groups, 'number'),
    errorUsers: checkWire(w.error_users, 'number'),
    errorGroups: checkWire(w.error_groups, 'number'),
    lastSyncAt: parseOptionalDate(w.last_sync_at),
    recentOperations: checkWire(w.recent_operations, 'array'),
  };
}
