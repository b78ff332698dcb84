import { createPage, JanuaError, type Page, paginate, toPageQuery, ValidationError } from '@janua/core';
import { describe, expect, test } from 'vitest';

describe('paging façade (§1.7)', () => {
  test('limit/offset → page/per_page', () => {
    expect(toPageQuery({})).toEqual({ page: 1, per_page: 20 });
    expect(toPageQuery(null)).toEqual({ page: 1, per_page: 20 });
    expect(toPageQuery(undefined, 50)).toEqual({ page: 1, per_page: 50 });
    expect(toPageQuery({ limit: 20, offset: 40 })).toEqual({ page: 3, per_page: 20 });
    expect(() => toPageQuery({ limit: 20, offset: 10 })).toThrow(ValidationError);
    expect(() => toPageQuery({ limit: 0 })).toThrow(ValidationError);
    expect(() => toPageQuery({ limit: 101 })).toThrow(ValidationError);
  });

  test('hasMore from total or from a full page', () => {
    expect(createPage([1, 2], { total: 5, offset: 2 }).hasMore).toBe(true);
    expect(createPage([1], { total: 5, offset: 4 }).hasMore).toBe(false);
    expect(createPage([1, 2], { limit: 2 }).hasMore).toBe(true);
    expect(createPage([1], { limit: 2 }).hasMore).toBe(false);
    // A short page ends the list even when a stale total says otherwise (rows deleted meanwhile).
    expect(createPage([1, 2], { total: 10, offset: 0, limit: 5 }).hasMore).toBe(false);
    expect(createPage([1, 2], { total: 10, offset: 0, limit: 2 }).hasMore).toBe(true);
  });

  test('paginate stops with INVALID_RESPONSE when the server repeats a page instead of looping forever', async () => {
    const collect = async (pages: AsyncIterable<unknown>) => {
      const out: unknown[] = [];
      try {
        for await (const item of pages) out.push(item);
      } catch (err) {
        return { out, err };
      }
      return { out, err: undefined };
    };
    // A cursor list whose server hands back the cursor it was given.
    let calls = 0;
    const sameCursor = await collect(
      paginate(async (p: { cursor?: string }) => {
        calls++;
        return { data: [`item-${p.cursor ?? 0}`], hasMore: true, nextCursor: 'c1' };
      }),
    );
    expect(sameCursor.out).toEqual(['item-0', 'item-c1']);
    expect(sameCursor.err).toBeInstanceOf(JanuaError);
    expect(sameCursor.err).toMatchObject({ code: 'INVALID_RESPONSE' });
    expect(calls).toBe(2);
    // An offset list whose server ignores the offset.
    const ignored = await collect(
      paginate(async () => createPage(['a', 'b'], { total: 100, offset: 0, limit: 2 }), { limit: 2 }),
    );
    expect(ignored.out).toEqual(['a', 'b']);
    expect(ignored.err).toMatchObject({ name: 'JanuaError', code: 'INVALID_RESPONSE' });
  });

  test('paginate walks offset pages lazily and stops', async () => {
    const items = Array.from({ length: 45 }, (_, i) => i);
    const calls: number[] = [];
    const fetchPage = async (p: { limit?: number; offset?: number }): Promise<Page<number>> => {
      calls.push(p.offset ?? 0);
      const offset = p.offset ?? 0;
      return createPage(items.slice(offset, offset + (p.limit ?? 20)), { total: items.length, offset });
    };
    const out: number[] = [];
    for await (const n of paginate(fetchPage, { limit: 20 })) out.push(n);
    expect(out).toEqual(items);
    expect(calls).toEqual([0, 20, 40]);
    const first: number[] = [];
    for await (const n of paginate(fetchPage, { limit: 20 })) {
      first.push(n);
      if (first.length === 3) break;
    }
    expect(calls).toEqual([0, 20, 40, 0]);
  });

  test('paginate follows cursors', async () => {
    const pages: Record<string, Page<string>> = {
      start: { data: ['a', 'b'], hasMore: true, nextCursor: 'c1' },
      c1: { data: ['c'], hasMore: false },
    };
    const out: string[] = [];
    for await (const s of paginate(async (p: { cursor?: string }) => pages[p.cursor ?? 'start'] as Page<string>))
      out.push(s);
    expect(out).toEqual(['a', 'b', 'c']);
  });
});
