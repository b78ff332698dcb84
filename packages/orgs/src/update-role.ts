import { type Janua, type RequestOptions, request, segment, ValidationError } from '@janua/core';
import { toRole } from './internal/map';
import { isStringArray, optionalString, requireId } from './internal/validate';
import type { Role } from './types';

/** Input of {@link updateRole}: absent fields stay unchanged. */
export interface UpdateRoleParams {
  organizationId: string;
  roleId: string;
  /** Renaming also renames the role on every member holding it. */
  name?: string;
  description?: string;
  /** Replaces the whole list. */
  permissions?: string[];
}

/**
 * Updates a custom role. System roles are read-only. Organization admins only.
 *
 * @throws {ValidationError} for non-UUID ids (no request is made); `Cannot modify system roles` (400).
 * @throws {AuthorizationError} `Admin access required for this organization` (403).
 * @throws {NotFoundError} `Role not found`.
 * @example
 * ```ts
 * await updateRole(janua, { organizationId, roleId, permissions: ['org:read'] });
 * ```
 */
export async function updateRole(janua: Janua, params: UpdateRoleParams, options: RequestOptions = {}): Promise<Role> {
  const organizationId = requireId(params?.organizationId, 'organizationId');
  const roleId = requireId(params.roleId, 'roleId');
  if (params.permissions !== undefined && !isStringArray(params.permissions)) {
    throw new ValidationError({ code: 'VALIDATION_ERROR', message: 'permissions must be an array of strings' });
  }
  return request(janua, {
    ...options,
    method: 'PATCH',
    path: `/roles/${segment(roleId)}`,
    query: { organization_id: organizationId },
    body: {
      name: optionalString(params.name, 'name', 100),
      description: optionalString(params.description, 'description', 500),
      permissions: params.permissions,
    },
    map: toRole,
  });
}
