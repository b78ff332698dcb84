import { type Janua, type RequestOptions, request } from '@janua/core';
import type { PasskeyAvailability } from './types';
import type { WirePasskeyAvailability } from './wire';

/**
 * Whether the server accepts passkeys (`GET /passkeys/availability`, no token needed). This is
 * the server's view; whether this browser can make one is `isPasskeySupported()` from
 * `@janua/passkeys/browser`.
 *
 * @param janua - The {@link Janua} instance.
 * @example
 * ```ts
 * const { available, conditionalMediation } = await getPasskeyAvailability(janua);
 * ```
 */
export async function getPasskeyAvailability(janua: Janua, options: RequestOptions = {}): Promise<PasskeyAvailability> {
  return request(janua, {
    ...options,
    method: 'GET',
    path: '/passkeys/availability',
    auth: 'none',
    map: (w: WirePasskeyAvailability) => ({
      available: w.available,
      platformAuthenticator: w.platform_authenticator,
      roamingAuthenticator: w.roaming_authenticator,
      conditionalMediation: w.conditional_mediation,
      userVerifyingPlatformAuthenticator: w.user_verifying_platform_authenticator,
    }),
  });
}
