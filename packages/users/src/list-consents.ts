import { checkWire, createPage, type Janua, type Page, type RequestOptions, request } from '@janua/core';
import { toConsent } from './internal/map';
import type { Consent } from './types';
import type { WireConsent } from './wire';

/**
 * The signed-in user's live consents to OAuth clients (`GET /users/me/consents`), most recently
 * granted first; revoked and expired ones are left out. The API returns them all at once, so the
 * page holds everything (`hasMore: false`).
 *
 * @param janua - The {@link Janua} instance, signed in.
 * @throws {AuthenticationError} when not signed in.
 * @example
 * ```ts
 * const { data } = await listConsents(janua);
 * for (const c of data) console.log(c.clientId, c.scopes.join(' '), c.expiresAt ?? 'until revoked');
 * ```
 */
export async function listConsents(janua: Janua, options: RequestOptions = {}): Promise<Page<Consent>> {
  return request(janua, {
    ...options,
    method: 'GET',
    path: '/users/me/consents',
    map: (wire: { consents: WireConsent[]; total: number }) => {
      const data = checkWire(wire.consents, 'array').map(toConsent);
      return createPage(data, { total: data.length });
    },
  });
}
