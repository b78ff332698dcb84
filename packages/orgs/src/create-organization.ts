import { type Janua, type RequestOptions, request, ValidationError } from '@janua/core';
import { toOrganization } from './internal/map';
import { optionalString, requireEmail, requireString } from './internal/validate';
import type { Organization } from './types';

/** Input of {@link createOrganization}. */
export interface CreateOrganizationParams {
  /** 1–200 characters. */
  name: string;
  /** Required by the server: 1–100 of `a-z`, `0-9` and `-`, unique. */
  slug: string;
  /** Up to 1000 characters. */
  description?: string;
  /** Defaults to the caller's email. */
  billingEmail?: string;
}

const SLUG = /^[a-z0-9-]{1,100}$/;

/**
 * Creates an organization. The caller becomes its owner (and an `owner` member).
 *
 * @param janua - The {@link Janua} instance, signed in.
 * @returns The new organization.
 * @throws {ValidationError} locally for a missing name or a malformed slug; from the server
 *   `Organization slug already exists` (400).
 * @throws {AuthenticationError} when not signed in.
 * @example
 * ```ts
 * const org = await createOrganization(janua, { name: 'Acme', slug: 'acme' });
 * console.log(org.id, org.memberCount); // 1
 * ```
 */
export async function createOrganization(
  janua: Janua,
  params: CreateOrganizationParams,
  options: RequestOptions = {},
): Promise<Organization> {
  const name = requireString(params?.name, 'name', 200);
  const slug = requireString(params.slug, 'slug');
  if (!SLUG.test(slug)) {
    throw new ValidationError({
      code: 'VALIDATION_ERROR',
      message: 'slug must be 1–100 lower-case letters, digits or "-"',
      fieldErrors: [{ field: 'slug', message: 'slug must match ^[a-z0-9-]+$', type: 'string_pattern_mismatch' }],
    });
  }
  return request(janua, {
    ...options,
    method: 'POST',
    path: '/organizations',
    body: {
      name,
      slug,
      description: optionalString(params.description, 'description', 1000),
      billing_email: params.billingEmail === undefined ? undefined : requireEmail(params.billingEmail, 'billingEmail'),
    },
    map: toOrganization,
  });
}
