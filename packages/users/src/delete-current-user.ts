import { clearTokens, type Janua, type RequestOptions, request, ValidationError } from '@janua/core';

/**
 * Deletes the signed-in user's own account (soft delete) after checking the password, then
 * forgets the tokens locally.
 *
 * @throws {ValidationError} `Invalid password`, or when the user is the only admin of an organization.
 * @example
 * ```ts
 * await deleteCurrentUser(janua, { password });
 * ```
 */
export async function deleteCurrentUser(
  janua: Janua,
  params: { password: string },
  options: RequestOptions = {},
): Promise<void> {
  if (typeof params?.password !== 'string' || !params.password) {
    throw new ValidationError({ code: 'VALIDATION_ERROR', message: 'password is required' });
  }
  // The API takes it as a query parameter (contract §1.3); debug logs redact it.
  await request(janua, { ...options, method: 'DELETE', path: '/users/me', query: { password: params.password } });
  await clearTokens(janua);
}
