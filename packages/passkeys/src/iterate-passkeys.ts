import { type Janua, paginate, type RequestOptions } from '@janua/core';
import { type ListPasskeysParams, listPasskeys } from './list-passkeys';
import type { Passkey } from './types';

/**
 * Every passkey of the signed-in user, newest first, as an async iterator over {@link listPasskeys}.
 *
 * @example
 * ```ts
 * for await (const passkey of iteratePasskeys(janua)) console.log(passkey.id);
 * ```
 */
export function iteratePasskeys(
  janua: Janua,
  params: ListPasskeysParams = {},
  options: RequestOptions = {},
): AsyncGenerator<Passkey, void, undefined> {
  return paginate((p: ListPasskeysParams) => listPasskeys(janua, p, options), params);
}
