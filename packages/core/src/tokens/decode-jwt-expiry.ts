/**
 * Reads `exp` (seconds) from a JWT without verifying it, or null when the token is not a JWT.
 * Used only to schedule refreshes; never to trust a token.
 */
export function decodeJwtExpiry(token: string): number | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const json = JSON.parse(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4))) as { exp?: unknown };
    return typeof json.exp === 'number' ? json.exp : null;
  } catch {
    return null;
  }
}
