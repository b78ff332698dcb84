// Accounts, sessions, organizations, API keys, one-time tokens, outbox (foundation + issue 3).
// Times are integer epoch milliseconds; JSON columns are text.
export const CORE_SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT,
  username TEXT UNIQUE,
  first_name TEXT, last_name TEXT, display_name TEXT, profile_image_url TEXT, bio TEXT,
  phone_number TEXT, phone_verified INTEGER NOT NULL DEFAULT 0,
  timezone TEXT, locale TEXT,
  status TEXT NOT NULL DEFAULT 'active',
  email_verified INTEGER NOT NULL DEFAULT 0,
  is_admin INTEGER NOT NULL DEFAULT 0,
  user_metadata TEXT NOT NULL DEFAULT '{}',
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, last_sign_in_at INTEGER
);
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  family TEXT NOT NULL,
  refresh_jti TEXT NOT NULL,
  ip_address TEXT, user_agent TEXT, device_name TEXT,
  created_at INTEGER NOT NULL, last_activity_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions(user_id);
-- Sessions whose expiry was announced (session.expired, once each); a table of its own so a
-- store file from an older dev server opens unchanged.
CREATE TABLE IF NOT EXISTS session_expiry_notices (
  session_id TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
  announced_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS organizations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL, slug TEXT NOT NULL UNIQUE, description TEXT, logo_url TEXT, billing_email TEXT,
  owner_id TEXT NOT NULL REFERENCES users(id),
  settings TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS organization_members (
  id TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL REFERENCES organizations(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  role TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'active',
  metadata TEXT, joined_at INTEGER NOT NULL,
  UNIQUE (organization_id, user_id)
);
CREATE TABLE IF NOT EXISTS api_keys (
  id TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL REFERENCES organizations(id),
  user_id TEXT REFERENCES users(id),
  name TEXT NOT NULL, prefix TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE,
  scopes TEXT NOT NULL DEFAULT '["*"]',
  rate_limit_per_min INTEGER NOT NULL DEFAULT 60,
  is_active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, last_used_at INTEGER, expires_at INTEGER
);
CREATE TABLE IF NOT EXISTS one_time_tokens (
  token_hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  user_id TEXT,
  email TEXT,
  data TEXT NOT NULL DEFAULT '{}',
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  channel TEXT NOT NULL, recipient TEXT NOT NULL, template TEXT NOT NULL,
  subject TEXT, token TEXT, code TEXT, link TEXT,
  created_at INTEGER NOT NULL
);
`;
