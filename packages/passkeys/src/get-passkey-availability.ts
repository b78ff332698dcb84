import { checkWire, type Janua, type RequestOptions, request } from '@janua/core';
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
      available: checkWire(w.available, 'boolean'),
      platformAuthenticator: checkWire(w.platform_authenticator, 'boolean'),
      roamingAuthenticator: checkWire(w.roaming_authenticator, 'boolean'),
      conditionalMediation: checkWire(w.conditional_mediation, 'boolean'),
      userVerifyingPlatformAuthenticator: checkWire(w.user_verifying_platform_authenticator, 'boolean'),
    }),
  });
}
