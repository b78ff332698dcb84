// Wire shapes of contract §4.9 (snake_case, ISO strings). Internal: never exported from index.ts.

export interface WireApiKey {
  id: string;
  user_id: string | null;
  organization_id: string;
  name: string;
  prefix: string;
  key_prefix: string;
  scopes: string[];
  rate_limit_per_min: number;
  is_active: boolean;
  last_used: string | null;
  expires_at: string | null;
  revoked_at: string | null;
  created_at: string;
  updated_at: string;
}
export interface WireApiKeyWithSecret extends WireApiKey {
  key: string;
  previous_prefix?: string;
}
export interface WireApiKeyList {
  items: WireApiKey[];
  total: number;
  page: number;
  per_page: number;
}
export interface WireApiKeyVerification {
  valid: boolean;
  org_id: string | null;
  scopes: string[];
  key_id: string | null;
}

export interface WireAuditLog {
  id: string;
  action: string;
  user_id: string | null;
  user_email: string | null;
  resource_type: string | null;
  resource_id: string | null;
  details: Record<string, unknown> | null;
  ip_address: string | null;
  user_agent: string | null;
  timestamp: string;
}
export interface WireAuditLogList {
  logs: WireAuditLog[];
  total: number;
  cursor: string | null;
  has_more: boolean;
}
export interface WireAuditStats {
  total_events: number;
  events_by_action: Record<string, number>;
  events_by_user: { user_id: string; email: string | null; count: number }[];
  events_by_resource_type: Record<string, number>;
  events_by_hour: { hour: string; count: number }[];
  unique_users: number;
  unique_ips: number;
  time_range: { start: string; end: string };
}
export interface WireAuditActions {
  actions: string[];
  counts: Record<string, number>;
}

export type WireScimProvider =
  | 'okta'
  | 'azure_ad'
  | 'onelogin'
  | 'google_workspace'
  | 'jumpcloud'
  | 'ping_identity'
  | 'custom';
export interface WireScimConfig {
  id: string;
  organization_id: string;
  provider: WireScimProvider;
  enabled: boolean;
  base_url: string | null;
  bearer_token_prefix: string | null;
  configuration: Record<string, unknown> | null;
  created_at: string;
  updated_at: string;
}
export interface WireScimToken {
  bearer_token: string;
  message: string;
}
export interface WireScimLog {
  id: string;
  operation: string;
  resource_type: string;
  scim_id: string | null;
  internal_id: string | null;
  status: string;
  error_message: string | null;
  error_code: string | null;
  synced_at: string;
}
export interface WireScimStatus {
  enabled: boolean;
  provider: WireScimProvider;
  total_users: number;
  total_groups: number;
  synced_users: number;
  synced_groups: number;
  pending_users: number;
  pending_groups: number;
  error_users: number;
  error_groups: number;
  last_sync_at: string | null;
  recent_operations: Record<string, unknown>[];
}

export interface WireSsoConfiguration {
  id: string;
  organization_id: string;
  provider: 'saml' | 'oidc' | 'oauth2' | 'ldap' | 'active_directory';
  status: 'active' | 'inactive' | 'pending' | 'error';
  enabled: boolean;
  saml_entity_id: string | null;
  saml_acs_url: string | null;
  saml_sso_url: string | null;
  oidc_issuer: string | null;
  oidc_client_id: string | null;
  oidc_authorization_url: string | null;
  jit_provisioning: boolean;
  default_role: string;
  allowed_domains: string[];
  created_at: string;
  updated_at: string;
}
