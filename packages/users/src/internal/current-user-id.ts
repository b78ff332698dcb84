import { getTokens, type Janua } from '@janua/core';

/** The signed-in user's id from the access token's `sub` (decoded, not verified: routing only). */
export async function currentUserId(janua: Janua): Promise<string | null> {
  const token = (await getTokens(janua))?.accessToken;
  const part = token?.split('.')[1];
  if (!part) return null;
  try {
    const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const { sub } = JSON.parse(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4))) as { sub?: unknown };
    return typeof sub === 'string' ? sub : null;
  } catch {
    return null;
  }
}
