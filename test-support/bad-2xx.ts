import { createJanua, getTokens, isJanuaError, type Janua, onAuthStateChange, setTokens } from '@janua/core';
import type { DevServer } from '@janua/dev-server';
import { addFault, clearFaults } from '@janua/dev-server/testing';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { callWith } from './null-params';

/**
 * 2xx bodies that are not the documented shape, as the raw JSON text the fault answers with: what a
 * misbehaving proxy or a server of another version can send.
 */
export const BAD_BODIES = ['null', '{}', '[]', '"x"', '{"users":null}'] as const;

/** True when a resolved value has the shape its function declares. */
export type Check = (value: unknown) => boolean;

/**
 * What a row's call must resolve to, when it resolves rather than rejects:
 * - `'void'`: `undefined` (functions declared `Promise<void>` ignore the body);
 * - `'list'`: an array, a `Page` (`data` array, boolean `hasMore`) or, for `iterate*` (whose first
 *   step is taken), an iterator step; empty is a legitimate answer, and every item is an object;
 * - a {@link Check}, built from {@link is} and {@link shape}, for everything else.
 */
export type Resolves = 'void' | 'list' | Check;

export interface Row {
  /** Calls one export with params that pass its local checks, so its request is sent. */
  call: (janua: Janua) => unknown;
  resolves: Resolves;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks for the fields of {@link shape}. */
export const is = {
  string: (v: unknown) => typeof v === 'string',
  number: (v: unknown) => Number.isFinite(v),
  boolean: (v: unknown) => typeof v === 'boolean',
  date: (v: unknown) => v instanceof Date && !Number.isNaN(+v),
  exactly:
    (value: unknown): Check =>
    (v) =>
      v === value,
  /** A non-null, non-array object. */
  object: isObject,
  nullable:
    (check: Check): Check =>
    (v) =>
      v === null || check(v),
  arrayOf:
    (check: Check): Check =>
    (v) =>
      Array.isArray(v) && v.every(check),
  oneOf:
    (...checks: Check[]): Check =>
    (v) =>
      checks.some((check) => check(v)),
};

/** An object whose listed fields pass their checks (other fields are not looked at). */
export function shape(fields: Record<string, Check>): Check {
  return (v) => isObject(v) && Object.entries(fields).every(([key, check]) => check(v[key]));
}

const LIST_ITEMS = is.arrayOf(isObject);
const RESOLVES: Record<'void' | 'list', Check> = {
  void: (v) => v === undefined,
  list: is.oneOf(
    LIST_ITEMS,
    shape({ data: LIST_ITEMS, hasMore: is.boolean }),
    shape({ done: (d) => d === true }),
    shape({ done: (d) => d === false, value: isObject }),
  ),
};

// Opaque to the SDK (no `exp`): `expiresAt` decides, and with no refresh token nothing refreshes.
const STORED = { accessToken: 'a.b.c', refreshToken: '', expiresAt: Date.now() + 3_600_000 };

/**
 * For every export of `module` and every body of {@link BAD_BODIES} (answered with 200 by a
 * dev-server fault on every API path): the call settles; if it rejects, the rejection is a
 * `JanuaError` (`INVALID_RESPONSE`, or a more precise typed error), never a raw `TypeError`; if it
 * resolves, the value passes the row's `resolves` (a garbage answer must not become a value that
 * breaks the function's declared type). The table must name every exported function except those
 * in `exempt` (with the reason), so a new export cannot be missed.
 *
 * Rows run on an instance holding an opaque token pair (the fault answers before any auth check);
 * rows named in `signIn` run signed out instead and must leave it signed out: no tokens stored and
 * no auth event emitted. Each row must send at least one request, or it proves nothing.
 */
export function describeBad2xx(setup: {
  module: Record<string, unknown>;
  table: Record<string, Row>;
  /** Functions that cannot be driven this way, by name, with the reason. */
  exempt?: Record<string, string>;
  /** Rows that sign in: they start signed out and must store nothing. */
  signIn?: readonly string[];
  server: () => DevServer;
}): void {
  const { module, table, exempt = {}, signIn = [] } = setup;

  test('the table names every exported function', () => {
    const functions = Object.keys(module).filter((k) => typeof module[k] === 'function' && !/^[A-Z]/.test(k));
    expect(functions.sort()).toEqual([...Object.keys(table), ...Object.keys(exempt)].sort());
  });

  afterAll(async () => {
    await clearFaults(setup.server());
  });

  describe.each(BAD_BODIES)('200 with body %s', (body) => {
    beforeEach(async () => {
      await clearFaults(setup.server());
      // `/.well-known/*` too: local token verification fetches the JWKS there.
      for (const path of ['/api/v1/*', '/.well-known/*']) {
        await addFault(setup.server(), {
          path,
          status: 200,
          body,
          headers: { 'content-type': 'application/json' },
          times: 0,
        });
      }
    });

    test.each(Object.keys(table))('%s', async (name) => {
      let sent = 0;
      const janua = createJanua({
        baseUrl: setup.server().url,
        env: {},
        maxRetries: 0,
        fetch: (input, init) => {
          sent++;
          return globalThis.fetch(input, init);
        },
      });
      const signsIn = signIn.includes(name);
      if (!signsIn) await setTokens(janua, STORED);
      const events: string[] = [];
      onAuthStateChange(janua, (event) => events.push(event));

      const { call, resolves } = table[name] as Row;
      const outcome = await Promise.resolve(callWith(() => call(janua), janua, undefined)).then(
        (value: unknown) => ({ value }),
        (err: unknown) => ({ err }),
      );
      if ('err' in outcome) {
        const { err } = outcome;
        expect(err, `${name} rejected with ${String(err)}`).not.toBeInstanceOf(TypeError);
        expect(isJanuaError(err), `${name} rejected with ${String(err)}`).toBe(true);
      } else {
        const check = typeof resolves === 'function' ? resolves : RESOLVES[resolves];
        expect(check(outcome.value), `${name} resolved to ${show(outcome.value)}, not its declared shape`).toBe(true);
      }
      expect(sent, `${name} sent no request`).toBeGreaterThan(0);
      if (signsIn) {
        expect(await getTokens(janua)).toBeNull();
        expect(events).toEqual([]);
      }
    });
  });
}

function show(value: unknown): string {
  return value === undefined ? 'undefined' : (JSON.stringify(value) ?? String(value)).slice(0, 300);
}
