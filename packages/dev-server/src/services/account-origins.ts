import type { Dev } from '../context';
import { sql } from '../store/db';

export type AccountSource = 'scim' | 'sso' | 'api_key';

/**
 * Which organization created an account, and how: its SCIM provisioning, JIT through one of its
 * SSO configurations, or `POST /admin/users` with one of its API keys. An organization's SCIM,
 * SSO and API keys may act on the account itself (email, password, status, deletion, sessions)
 * only when it created it; any other account (signed up on its own, invited, added by an admin or
 * by an organization owner) is out of their reach even if it is a member, because membership alone
 * can be granted without the account holder's consent.
 */
export interface AccountOriginRow {
  user_id: string;
  organization_id: string;
  source: AccountSource;
  configuration_id: string | null;
  created_at: number;
}

export function recordAccountOrigin(
  dev: Dev,
  userId: string,
  organizationId: string,
  source: AccountSource,
  configurationId: string | null,
): void {
  sql(
    dev.db,
    'INSERT OR IGNORE INTO account_origins (user_id, organization_id, source, configuration_id, created_at) VALUES (?,?,?,?,?)',
  ).run(userId, organizationId, source, configurationId, dev.clock.now());
}

export function accountOrigin(dev: Dev, userId: string): AccountOriginRow | undefined {
  return sql(dev.db, 'SELECT * FROM account_origins WHERE user_id = ?').get(userId) as AccountOriginRow | undefined;
}

/** True when `organizationId` created the account (by SCIM, JIT through its SSO, or its API key). */
export const ownedBy = (dev: Dev, userId: string, organizationId: string) =>
  accountOrigin(dev, userId)?.organization_id === organizationId;
