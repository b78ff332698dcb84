import { JanuaError } from './errors/janua-error';
import { ValidationError } from './errors/validation-error';

/** Paging input of every list function (contract §1.7 façade). */
export interface PageParams {
  /** Items per page. */
  limit?: number;
  /** Items to skip; for page-style endpoints a multiple of `limit`. */
  offset?: number;
}

/** One page of a list. */
export interface Page<T> {
  data: T[];
  /** Total matching items, when the endpoint reports it. */
  total?: number;
  hasMore: boolean;
  /** Cursor for the next page (cursor-style endpoints). */
  nextCursor?: string;
}

/**
 * Translates `{limit, offset}` to page-style `page`/`per_page` (contract §1.7).
 *
 * @throws {ValidationError} when `offset` is not a multiple of `limit` or either is out of range.
 * @example
 * ```ts
 * toPageQuery({ limit: 20, offset: 40 }); // { page: 3, per_page: 20 }
 * ```
 */
export function toPageQuery(
  params: PageParams | null | undefined,
  defaultLimit = 20,
  maxLimit = 100,
): { page: number; per_page: number } {
  const limit = params?.limit ?? defaultLimit;
  const offset = params?.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) {
    throw new ValidationError({ code: 'VALIDATION_ERROR', message: `limit must be an integer from 1 to ${maxLimit}` });
  }
  if (!Number.isInteger(offset) || offset < 0 || offset % limit !== 0) {
    throw new ValidationError({
      code: 'VALIDATION_ERROR',
      message: 'offset must be a non-negative multiple of limit for this list',
    });
  }
  return { page: offset / limit + 1, per_page: limit };
}

/**
 * Builds a {@link Page} from items and an optional total (`hasMore` per contract §1.7).
 *
 * @example
 * ```ts
 * createPage(users, { total: 45, offset: 40, limit: 20 }); // hasMore: false
 * ```
 */
export function createPage<T>(data: T[], at: { total?: number; offset?: number; limit?: number }): Page<T> {
  const offset = at.offset ?? 0;
  // A page shorter than asked for is the last one, whatever a (stale) total says: rows were
  // deleted between the queries, and the next page would start at an offset the list cannot take.
  const full = at.limit === undefined || data.length >= at.limit;
  if (at.total !== undefined) return { data, total: at.total, hasMore: full && offset + data.length < at.total };
  return { data, hasMore: at.limit !== undefined && full };
}

const notAdvancing = () =>
  new JanuaError({ code: 'INVALID_RESPONSE', message: 'The list did not advance: the server repeated a page' });

/**
 * Turns any page function into an async iterator over every item, fetching pages lazily
 * (offset style, or cursor style when pages carry `nextCursor`).
 *
 * @throws {JanuaError} code `INVALID_RESPONSE` when the server answers the same page twice (it
 *   ignored the cursor or offset), instead of iterating forever.
 *
 * @example
 * ```ts
 * for await (const user of paginate((p) => listUsers(janua, p), { limit: 100 })) console.log(user.email);
 * ```
 */
export async function* paginate<T, P extends PageParams & { cursor?: string }>(
  fetchPage: (params: P) => Promise<Page<T>>,
  params: P = {} as P,
): AsyncGenerator<T, void, undefined> {
  let current = { ...params };
  let previous: string | undefined;
  for (;;) {
    const page = await fetchPage(current);
    // A server that ignores the cursor or offset would otherwise make this loop forever.
    const seen = JSON.stringify(page.data);
    if (seen === previous) throw notAdvancing();
    previous = seen;
    yield* page.data;
    if (!page.hasMore || page.data.length === 0) return;
    if (page.nextCursor && page.nextCursor === current.cursor) throw notAdvancing();
    current = page.nextCursor
      ? { ...current, cursor: page.nextCursor }
      : { ...current, offset: (current.offset ?? 0) + page.data.length };
  }
}
