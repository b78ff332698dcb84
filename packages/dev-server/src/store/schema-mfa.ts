// MFA state (issue 4). No foreign keys to users: an account deletion elsewhere must not fail on
// these rows. Times are epoch milliseconds; codes are stored as SHA-256 hashes only.
export const MFA_SCHEMA = `
CREATE TABLE IF NOT EXISTS mfa_settings (
  user_id TEXT PRIMARY KEY,
  totp_secret TEXT,
  totp_verified INTEGER NOT NULL DEFAULT 0,
  totp_last_step INTEGER,
  sms_phone TEXT,
  sms_verified INTEGER NOT NULL DEFAULT 0,
  last_used_at INTEGER,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS mfa_backup_codes (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'backup',
  code_hash TEXT NOT NULL,
  used_at INTEGER, expires_at INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS mfa_backup_codes_user ON mfa_backup_codes(user_id);
CREATE TABLE IF NOT EXISTS mfa_sms_codes (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  purpose TEXT NOT NULL,
  challenge_id TEXT,
  code_hash TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS mfa_challenges (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  created_at INTEGER NOT NULL
);
`;
