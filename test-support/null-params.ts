import { type Janua, type JanuaOptions, ValidationError } from '@janua/core';
import { describe, expect, test } from 'vitest';

/** The call must succeed: its params are optional, so `null` and `undefined` mean `{}`. */
export const OK = null;

/**
 * A table row: {@link OK}, or the name of the required field that the `ValidationError` must
 * mention (in its message or its `fieldErrors`).
 */
export type Outcome = typeof OK | string;

type Fn = (janua: Janua, params: unknown) => unknown;

/** Calls `fn(janua, params)`; for `iterate*` functions, takes the first step (that is when they run). */
export async function callWith(fn: Fn, janua: Janua, params: unknown): Promise<unknown> {
  const result = fn(janua, params) as { [Symbol.asyncIterator]?: unknown; next?: () => Promise<unknown> };
  if (typeof result?.[Symbol.asyncIterator] === 'function' && typeof result.next === 'function') return result.next();
  return result;
}

/**
 * Plain-JS callers and params read from JSON pass `null` or nothing where a params object
 * belongs, and a parameter default (`params = {}`) only covers `undefined`. This calls every
 * function of `module` with both, on a fresh signed-in instance per call, and asserts the
 * contract: optional params behave like `{}` (success), required params give a `ValidationError`
 * naming the field before any request. Never a raw `TypeError`. The table must name every
 * exported function except those in `exempt` (with the reason), so a new export cannot be missed.
 *
 * Requests are counted where the SDK sends them (a counting `fetch`, which then sends for real):
 * the server's own log is written when a response is done, too late to see a request still in
 * flight when the local check has already thrown.
 */
export function describeNullParams(setup: {
  module: Record<string, unknown>;
  table: Record<string, Outcome>;
  /** Functions not called as `(janua, params)`, by name, with the reason. */
  exempt?: Record<string, string>;
  /**
   * A signed-in instance, built with `options` (they carry the counting `fetch`), in the state
   * `name` needs to succeed (e.g. MFA enabled).
   */
  janua: (name: string, options: Pick<JanuaOptions, 'fetch'>) => Promise<Janua>;
}): void {
  const { module, table, exempt = {} } = setup;

  test('the table names every exported function', () => {
    const functions = Object.keys(module).filter((k) => typeof module[k] === 'function' && !/^[A-Z]/.test(k));
    expect(functions.sort()).toEqual([...Object.keys(table), ...Object.keys(exempt)].sort());
  });

  describe.each([
    ['null', null],
    ['undefined', undefined],
  ])('params = %s', (_, params) => {
    test.each(Object.entries(table))('%s', async (name, outcome) => {
      let sent = 0;
      const janua = await setup.janua(name, {
        fetch: (input, init) => {
          sent++;
          return globalThis.fetch(input, init);
        },
      });
      const before = sent;
      const call = callWith(module[name] as Fn, janua, params);
      if (outcome === OK) {
        await call;
        return;
      }
      const err = await call.then(
        () => new Error(`${name} resolved`),
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ValidationError);
      const { message, fieldErrors } = err as ValidationError;
      expect(`${message} ${fieldErrors.map((f) => f.field).join(' ')}`).toContain(outcome);
      expect(sent - before, `${name} sent a request`).toBe(0);
    });
  });
}
