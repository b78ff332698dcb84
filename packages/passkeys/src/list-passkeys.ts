import { createPage, type Janua, type Page, type PageParams, type RequestOptions, request } from '@janua/core';
import { toPasskey } from './internal/map';
import { invalid } from './internal/validate';
import type { Passkey } from './types';
import type { WirePasskey } from './wire';

/** Input of {@link listPasskeys}. */
export type ListPasskeysParams = PageParams;

/**
 * The signed-in user's passkeys, newest first (`GET /passkeys/`). The server returns them all in
 * one response (contract §1.7, "none" style); `limit`/`offset` slice that answer, and `total` is
 * always known.
 *
 * @param janua - The {@link Janua} instance, signed in.
 * @param params - Optional `limit` and `offset`.
 * @returns One {@link Page} of passkeys.
 * @throws {AuthenticationError} when not signed in.
 * @throws {ValidationError} for a negative `offset` or a `limit` below 1 (no request is made).
 * @example
 * ```ts
 * const { data } = await listPasskeys(janua);
 * for (const p of data) console.log(p.name, p.lastUsedAt);
 * ```
 */
export async function listPasskeys(
  janua: Janua,
  params: ListPasskeysParams = {},
  options: RequestOptions = {},
): Promise<Page<Passkey>> {
  const offset = params?.offset ?? 0;
  const limit = params?.limit;
  if (!Number.isInteger(offset) || offset < 0) throw invalid('offset', 'offset must be a non-negative integer');
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw invalid('limit', 'limit must be a positive integer');
  }
  return request(janua, {
    ...options,
    method: 'GET',
    path: '/passkeys',
    map: (wire: WirePasskey[]) => {
      const all = wire.map(toPasskey);
      const data = all.slice(offset, limit === undefined ? undefined : offset + limit);
      return createPage(data, { total: all.length, offset });
    },
  });
}
