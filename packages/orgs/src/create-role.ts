import { type Janua, type RequestOptions, request, ValidationError } from '@janua/core';
import { toRole } from './internal/map';
import { isStringArray, optionalString, requireId, requireString } from './internal/validate';
import type { Role } from './types';

/** Input of {@link createRole}. */
export interface CreateRoleParams {
  organizationId: string;
  /** 1–100 characters; not a system role name. */
  name: string;
  description?: string;
  /** RBAC permissions, e.g. `['org:read', 'users:invite']`; `resource:*` and `*` allowed. */
  permissions?: string[];
}

/**
 * Creates a custom role. Members holding it get exactly its permissions and rank as `member`
 * in the hierarchy. Organization admins only.
 *
 * @throws {ValidationError} locally for a bad id, name or permission list; from the server
 *   `Role name already exists` / `Cannot use a system role name: …` (400).
 * @throws {AuthorizationError} `Admin access required for this organization` (403).
 * @example
 * ```ts
 * const role = await createRole(janua, { organizationId, name: 'recruiter', permissions: ['org:read', 'users:invite'] });
 * ```
 */
export async function createRole(janua: Janua, params: CreateRoleParams, options: RequestOptions = {}): Promise<Role> {
  const organizationId = requireId(params?.organizationId, 'organizationId');
  if (params.permissions !== undefined && !isStringArray(params.permissions)) {
    throw new ValidationError({ code: 'VALIDATION_ERROR', message: 'permissions must be an array of strings' });
  }
  return request(janua, {
    ...options,
    method: 'POST',
    path: '/roles',
    query: { organization_id: organizationId },
    body: {
      name: requireString(params.name, 'name', 100),
      description: optionalString(params.description, 'description', 500),
      permissions: params.permissions,
    },
    map: toRole,
  });
}
