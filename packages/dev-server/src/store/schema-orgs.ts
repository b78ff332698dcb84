// Invitations, custom roles and settings rows of organizations (issue 4). The organizations and
// organization_members tables themselves live in schema-core.ts. Times are epoch milliseconds.
export const ORGS_SCHEMA = `
CREATE TABLE IF NOT EXISTS invitations (
  id TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL REFERENCES organizations(id),
  email TEXT NOT NULL,
  role TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending',
  invited_by TEXT NOT NULL,
  message TEXT,
  token TEXT NOT NULL UNIQUE,
  email_sent INTEGER NOT NULL DEFAULT 0,
  expires_at INTEGER NOT NULL,
  accepted_at INTEGER, accepted_by TEXT,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS invitations_org ON invitations(organization_id);
CREATE TABLE IF NOT EXISTS organization_roles (
  id TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL REFERENCES organizations(id),
  name TEXT NOT NULL,
  description TEXT,
  permissions TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
  UNIQUE (organization_id, name)
);
CREATE TABLE IF NOT EXISTS organization_settings (
  id TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL UNIQUE REFERENCES organizations(id),
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL
);
`;
