import { clearTokens, getTokens, type Janua, type RequestOptions, request } from '@janua/core';

/**
 * Signs out: revokes the session on the server, then forgets the tokens locally. The local tokens
 * are cleared even when the server call fails (offline, already revoked), so the user is never
 * left half signed in.
 *
 * @example
 * ```ts
 * await signOut(janua);
 * ```
 */
export async function signOut(janua: Janua, options: RequestOptions = {}): Promise<void> {
  const tokens = await getTokens(janua);
  try {
    if (tokens) await request(janua, { ...options, method: 'POST', path: '/auth/signout', maxRetries: 0 });
  } catch {
    // The session may already be gone; local sign-out must still happen.
  } finally {
    await clearTokens(janua);
  }
}
