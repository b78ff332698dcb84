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

/** Result of `cleanupAuditLogs`. */
export interface AuditCleanupResult {
  message: string;
  deletedCount: number;
  /** Entries with a timestamp before this instant were deleted. */
  cutoffDate: Date;
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

/** The identity provider a SCIM configuration is for (informational; every IdP speaks the same SCIM). */
export type ScimProvider =
  | 'okta'
  | 'azure_ad'
  | 'onelogin'
  | 'google_workspace'
  | 'jumpcloud'
  | 'ping_identity'
  | 'custom';

/** An organization's SCIM provisioning configuration. The bearer token itself is never part of it. */
export interface ScimConfig {
  id: string;
  organizationId: string;
  provider: ScimProvider;
  /** The SCIM endpoints answer only while this is true. */
  enabled: boolean;
  /** The SCIM 2.0 base URL to give the IdP (`…/api/v1/scim/v2`). */
  baseUrl: string | null;
  /** First 12 characters of the current token plus `...`, for display. */
  bearerTokenPrefix: string | null;
  configuration: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

/** Result of {@link rotateScimToken}: the only time the token is shown. */
export interface ScimToken {
  /** `scim_` + url-safe random; give it to the IdP as its bearer token. */
  bearerToken: string;
  message: string;
}

/** One SCIM call made by the IdP. */
export interface ScimLog {
  id: string;
  /** e.g. `create`, `replace`, `patch`, `delete`, `read`, `list`. */
  operation: string;
  /** `User`, `Group`, `ServiceProviderConfig`, … */
  resourceType: string;
  scimId: string | null;
  /** The Janua user id for users. */
  internalId: string | null;
  /** `success` or `error`. */
  status: string;
  errorMessage: string | null;
  errorCode: string | null;
  syncedAt: Date;
}

/** Provisioning counters of an organization. */
export interface ScimStatus {
  enabled: boolean;
  provider: ScimProvider;
  totalUsers: number;
  totalGroups: number;
  syncedUsers: number;
  syncedGroups: number;
  pendingUsers: number;
  pendingGroups: number;
  errorUsers: number;
  errorGroups: number;
  lastSyncAt: Date | null;
  /** The latest log entries as the server sends them (snake_case). */
  recentOperations: Record<string, unknown>[];
}

/** An organization's SSO configuration (contract §4.9). Secrets and certificates are not echoed. */
export interface SsoConfiguration {
  id: string;
  organizationId: string;
  provider: 'saml' | 'oidc' | 'oauth2' | 'ldap' | 'active_directory';
  /** `pending` until the IdP settings are complete, then `active` or `inactive` (disabled). */
  status: 'active' | 'inactive' | 'pending' | 'error';
  enabled: boolean;
  /** The IdP's entity id (the `Issuer` its responses must carry). */
  samlEntityId: string | null;
  /** Where the IdP posts its responses (the SP's ACS). */
  samlAcsUrl: string | null;
  samlSsoUrl: string | null;
  oidcIssuer: string | null;
  oidcClientId: string | null;
  oidcAuthorizationUrl: string | null;
  /** Create unknown users (and memberships) at their first sign-in. */
  jitProvisioning: boolean;
  /** Role of just-in-time members. */
  defaultRole: string;
  /** Email domains allowed to sign in; empty = any. */
  allowedDomains: string[];
  createdAt: Date;
  updatedAt: Date;
}

/** IdP settings shared by create and update. */
export interface SsoSettingsParams {
  /** IdP metadata XML: its SSO URL, signing certificate and entity id fill in what is not given. */
  samlMetadataXml?: string;
  samlMetadataUrl?: string;
  samlSsoUrl?: string;
  /** Where the LogoutResponse to an IdP-initiated single logout goes; IdP metadata fills it in. */
  samlSloUrl?: string;
  /** The IdP's signing certificate, PEM or bare base64. */
  samlCertificate?: string;
  /** The OpenID provider's issuer; id_tokens must carry exactly this `iss`. */
  oidcIssuer?: string;
  oidcClientId?: string;
  /** Sent to the token endpoint only (`client_secret_basic`, or `client_secret_post` if that is all the provider supports); never returned. */
  oidcClientSecret?: string;
  /** Default `<oidcIssuer>/.well-known/openid-configuration`; the document must name the same issuer. */
  oidcDiscoveryUrl?: string;
  /** Default `true`. */
  jitProvisioning?: boolean;
  /** Default `member`. */
  defaultRole?: string;
  /** Janua field (`email`, `first_name`, `last_name`) → IdP attribute name. */
  attributeMapping?: Record<string, string>;
  allowedDomains?: string[];
}
