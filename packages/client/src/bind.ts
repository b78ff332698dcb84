import type { Janua } from '@janua/core';

/** A domain function with the instance argument removed. */
export type Bound<F> = F extends (janua: Janua, ...args: infer A) => infer R ? (...args: A) => R : never;

/** An object of domain functions, each bound to one instance. */
export type BoundAll<T> = { [K in keyof T]: Bound<T[K]> };

/**
 * Binds standalone functions to an instance: `bindAll(janua, { signIn })` → `{ signIn(params) }`.
 * Nothing is re-implemented; each method is the domain function with `janua` filled in.
 *
 * @example
 * ```ts
 * const auth = bindAll(janua, { signIn, signOut });
 * await auth.signIn({ email, password });
 * ```
 */
// biome-ignore lint/suspicious/noExplicitAny: accepts any domain function
export function bindAll<T extends Record<string, (janua: Janua, ...args: any[]) => unknown>>(
  janua: Janua,
  fns: T,
): BoundAll<T> {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(fns)) out[name] = (...args: unknown[]) => fn(janua, ...args);
  return out as BoundAll<T>;
}
