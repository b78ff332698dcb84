// Webhook endpoints, the events sent to them, and one row per delivery attempt (issue 6).
// Times are integer epoch milliseconds; JSON columns are text. `body` keeps the exact bytes that
// were signed, so every retry sends and signs the same body.
export const WEBHOOK_SCHEMA = `
CREATE TABLE IF NOT EXISTS webhook_endpoints (
  id TEXT PRIMARY KEY,
  user_id TEXT,
  organization_id TEXT,
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  events TEXT NOT NULL DEFAULT '[]',
  is_active INTEGER NOT NULL DEFAULT 1,
  description TEXT,
  headers TEXT,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS webhook_endpoints_user ON webhook_endpoints(user_id);
CREATE TABLE IF NOT EXISTS webhook_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  data TEXT NOT NULL,
  body TEXT NOT NULL,
  organization_id TEXT,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS webhook_deliveries (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  webhook_endpoint_id TEXT NOT NULL,
  webhook_event_id TEXT NOT NULL,
  status TEXT NOT NULL,
  status_code INTEGER,
  response_body TEXT,
  error TEXT,
  attempt INTEGER NOT NULL,
  duration_ms REAL,
  delivered_at INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS webhook_deliveries_endpoint ON webhook_deliveries(webhook_endpoint_id, seq);
`;
