import { type Janua, parseDate, type RequestOptions, request } from '@janua/core';
import { requireEmail } from './internal/validate';
import type { WireAdminUserCreated } from './wire';

/** Input of {@link createUser} (admin). */
export interface CreateUserParams {
  email: string;
  /** Stored as the first name. */
  name?: string;
  /** Omit to get a `setPasswordToken` the user redeems with `resetPassword` (valid 24 h). */
  password?: string;
  isAdmin?: boolean;
  emailVerified?: boolean;
  organizationId?: string;
  organizationRole?: 'member' | 'admin' | 'owner';
}

/** A user created by an admin. */
export interface CreatedUser {
  id: string;
  email: string;
  emailVerified: boolean;
  name: string | null;
  status: string;
  isAdmin: boolean;
  organizationId: string | null;
  organizationRole: string | null;
  setPasswordToken: string | null;
  createdAt: Date;
}

/**
 * Creates a user (platform admin, or an API key with `users:create` for its organization).
 *
 * @throws {ConflictError} `User with this email already exists`.
 * @throws {AuthorizationError} `Admin access required`.
 * @example
 * ```ts
 * const { id, setPasswordToken } = await createUser(janua, { email: 'grace@example.com', name: 'Grace' });
 * ```
 */
export async function createUser(
  janua: Janua,
  params: CreateUserParams,
  options: RequestOptions = {},
): Promise<CreatedUser> {
  return request(janua, {
    ...options,
    method: 'POST',
    path: '/admin/users',
    body: {
      email: requireEmail(params?.email),
      name: params.name,
      password: params.password,
      is_admin: params.isAdmin,
      email_verified: params.emailVerified,
      organization_id: params.organizationId,
      organization_role: params.organizationRole,
    },
    map: (w: WireAdminUserCreated) => ({
      id: w.id,
      email: w.email,
      emailVerified: w.email_verified,
      name: w.name,
      status: w.status,
      isAdmin: w.is_admin,
      organizationId: w.organization_id,
      organizationRole: w.organization_role,
      setPasswordToken: w.set_password_token,
      createdAt: parseDate(w.created_at),
    }),
  });
}
