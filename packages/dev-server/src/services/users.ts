import { iso, isoNaive } from '../clock';
import type { Dev } from '../context';
import { sql } from '../store/db';

export interface UserRow {
  id: string;
  email: string;
  password_hash: string | null;
  username: string | null;
  first_name: string | null;
  last_name: string | null;
  display_name: string | null;
  profile_image_url: string | null;
  bio: string | null;
  phone_number: string | null;
  phone_verified: number;
  timezone: string | null;
  locale: string | null;
  status: string;
  email_verified: number;
  is_admin: number;
  user_metadata: string;
  failed_attempts: number;
  locked_until: number | null;
  created_at: number;
  updated_at: number;
  last_sign_in_at: number | null;
}

export function getUserById(dev: Dev, id: string): UserRow | undefined {
  return sql(dev.db, 'SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
}

export function getUserByEmail(dev: Dev, email: string): UserRow | undefined {
  return sql(dev.db, 'SELECT * FROM users WHERE email = ?').get(email.toLowerCase()) as UserRow | undefined;
}

/** `AuthUser` (§4.0). */
export function toAuthUser(u: UserRow) {
  return {
    id: u.id,
    email: u.email,
    email_verified: u.email_verified === 1,
    username: u.username,
    first_name: u.first_name,
    last_name: u.last_name,
    profile_image_url: u.profile_image_url,
    is_admin: u.is_admin === 1,
    created_at: iso(u.created_at),
    updated_at: iso(u.updated_at),
    last_sign_in_at: isoNaive(u.last_sign_in_at),
  };
}

/** `User` (§4.0). */
export function toUser(u: UserRow) {
  return {
    id: u.id,
    email: u.email,
    email_verified: u.email_verified === 1,
    username: u.username,
    first_name: u.first_name,
    last_name: u.last_name,
    display_name: u.display_name,
    profile_image_url: u.profile_image_url,
    bio: u.bio,
    phone_number: u.phone_number,
    phone_verified: u.phone_verified === 1,
    timezone: u.timezone,
    locale: u.locale,
    status: u.status,
    created_at: iso(u.created_at),
    updated_at: iso(u.updated_at),
    last_sign_in_at: isoNaive(u.last_sign_in_at),
    user_metadata: JSON.parse(u.user_metadata) as Record<string, unknown>,
  };
}

/** Inserts a user; returns the row. */
export function insertUser(dev: Dev, fields: Partial<UserRow> & { id: string; email: string }): UserRow {
  const now = dev.clock.now();
  const row = { created_at: now, updated_at: now, ...fields, email: fields.email.toLowerCase() };
  const cols = Object.keys(row);
  sql(dev.db, `INSERT INTO users (${cols.join(',')}) VALUES (${cols.map((c) => `@${c}`).join(',')})`).run(row);
  return getUserById(dev, fields.id) as UserRow;
}

const UPDATABLE = new Set([
  'first_name',
  'last_name',
  'display_name',
  'bio',
  'phone_number',
  'timezone',
  'locale',
  'user_metadata',
  'username',
  'profile_image_url',
  'status',
  'email',
  'email_verified',
  'is_admin',
  'password_hash',
  'failed_attempts',
  'locked_until',
  'last_sign_in_at',
  'phone_verified',
]);

/** Updates the given columns (unknown names are ignored) and bumps `updated_at`. */
export function updateUser(dev: Dev, id: string, fields: Record<string, unknown>): UserRow {
  const entries = Object.entries(fields).filter(([k, v]) => UPDATABLE.has(k) && v !== undefined);
  const set = [...entries.map(([k]) => `${k} = @${k}`), 'updated_at = @updated_at'];
  sql(dev.db, `UPDATE users SET ${set.join(', ')} WHERE id = @id`).run({
    ...Object.fromEntries(entries),
    updated_at: dev.clock.now(),
    id,
  });
  return getUserById(dev, id) as UserRow;
}
