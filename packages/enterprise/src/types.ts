/** An API key of an organization (contract §4.9). The secret itself is never part of it. */
export interface ApiKey {
  id: string;
  userId: string | null;
  organizationId: string;
  name: string;
  /** First 12 characters plus `...`, for display. */
  prefix: string;
  /** `sk_live_` plus 4 hex characters. */
  keyPrefix: string;
  /** `resource:action` scopes, lower-cased; `*` = all. */
  scopes: string[];
  rateLimitPerMin: number;
  isActive: boolean;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** An API key together with its secret: returned only by create and rotate. Store `key` now. */
export interface ApiKeyWithSecret extends ApiKey {
  key: string;
}

/** Result of {@link rotateApiKey}: the new secret, and the display prefix of the one it replaced. */
export interface RotatedApiKey extends ApiKeyWithSecret {
  previousPrefix: string | null;
}

/** Result of {@link verifyApiKey}. */
export interface ApiKeyVerification {
  valid: boolean;
  organizationId: string | null;
  scopes: string[];
  keyId: string | null;
}

/** One audit-log entry. */
export interface AuditLog {
  id: string;
  action: string;
  userId: string | null;
  userEmail: string | null;
  resourceType: string | null;
  resourceId: string | null;
  details: Record<string, unknown> | null;
  ipAddress: string | null;
  userAgent: string | null;
  timestamp: Date;
}

/** Aggregates of {@link getAuditStats}. */
export interface AuditStats {
  totalEvents: number;
  eventsByAction: Record<string, number>;
  eventsByUser: { userId: string; email: string | null; count: number }[];
  eventsByResourceType: Record<string, number>;
  eventsByHour: { hour: Date; count: number }[];
  uniqueUsers: number;
  uniqueIps: number;
  timeRange: { start: Date; end: Date };
}

/** Result of {@link listAuditActions}. */
export interface AuditActions {
  actions: string[];
  counts: Record<string, number>;
}
