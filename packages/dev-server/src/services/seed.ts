import { randomUUID } from 'node:crypto';
import type { Dev } from '../context';
import { sql } from '../store/db';
import { insertApiKey } from './api-keys';
import { hashPassword } from './passwords';
import { insertUser } from './users';

/** Seeds the platform admin, the `dev` organization and its `*` API key (§7.1). */
export async function seed(dev: Dev): Promise<void> {
  const now = dev.clock.now();
  const admin = insertUser(dev, {
    id: randomUUID(),
    email: dev.config.adminEmail,
    password_hash: await hashPassword(dev.config.adminPassword, dev.config.scryptN),
    first_name: 'Dev',
    last_name: 'Admin',
    email_verified: 1,
    is_admin: 1,
  });
  const orgId = randomUUID();
  sql(
    dev.db,
    'INSERT INTO organizations (id, name, slug, owner_id, billing_email, created_at, updated_at) VALUES (?,?,?,?,?,?,?)',
  ).run(orgId, 'Dev', 'dev', admin.id, admin.email, now, now);
  sql(
    dev.db,
    'INSERT INTO organization_members (id, organization_id, user_id, role, status, joined_at) VALUES (?,?,?,?,?,?)',
  ).run(randomUUID(), orgId, admin.id, 'owner', 'active', now);
  insertApiKey(dev, { key: dev.config.apiKey, organizationId: orgId, userId: admin.id, name: 'dev', scopes: ['*'] });
}
