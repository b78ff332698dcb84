// API-key revocations, audit log, SCIM, SSO (issue 7). Times are integer epoch milliseconds.
export const ENTERPRISE_SCHEMA = `
CREATE TABLE IF NOT EXISTS api_key_revocations (
  key_id TEXT PRIMARY KEY,
  revoked_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS audit_logs (
  id TEXT PRIMARY KEY,
  action TEXT NOT NULL,
  user_id TEXT, user_email TEXT, actor_id TEXT, organization_id TEXT,
  resource_type TEXT, resource_id TEXT, details TEXT,
  ip_address TEXT, user_agent TEXT,
  timestamp INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_logs_order ON audit_logs(timestamp DESC, id DESC);
CREATE TABLE IF NOT EXISTS scim_configs (
  id TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL UNIQUE,
  provider TEXT NOT NULL, enabled INTEGER NOT NULL DEFAULT 0, base_url TEXT,
  token_hash TEXT UNIQUE, token_prefix TEXT,
  configuration TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS scim_resources (
  id TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL,
  resource_type TEXT NOT NULL,
  internal_id TEXT,
  external_id TEXT,
  name TEXT NOT NULL,
  data TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'synced',
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS scim_logs (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  organization_id TEXT NOT NULL,
  operation TEXT NOT NULL, resource_type TEXT NOT NULL, scim_id TEXT, internal_id TEXT,
  status TEXT NOT NULL, error_message TEXT, error_code TEXT,
  synced_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS sso_configurations (
  id TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL UNIQUE,
  provider TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  settings TEXT NOT NULL DEFAULT '{}',
  jit_provisioning INTEGER NOT NULL DEFAULT 1,
  default_role TEXT NOT NULL DEFAULT 'member',
  attribute_mapping TEXT NOT NULL DEFAULT '{}',
  allowed_domains TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS sso_oidc_idp_clients (
  client_id TEXT PRIMARY KEY,
  secret_hash TEXT NOT NULL,
  name TEXT,
  redirect_uris TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS sso_saml_logout_requests (
  id TEXT PRIMARY KEY,
  seen_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS sso_saml_requests (
  id TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS sso_identities (
  id TEXT PRIMARY KEY,
  configuration_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  issuer TEXT NOT NULL,
  subject TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (configuration_id, issuer, subject),
  UNIQUE (configuration_id, user_id)
);
CREATE TABLE IF NOT EXISTS account_origins (
  user_id TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL,
  source TEXT NOT NULL,
  configuration_id TEXT,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS sso_sessions (
  session_id TEXT PRIMARY KEY,
  configuration_id TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sso_sessions_configuration ON sso_sessions(configuration_id);
CREATE TABLE IF NOT EXISTS sso_saml_assertions (
  id TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL
);
`;
