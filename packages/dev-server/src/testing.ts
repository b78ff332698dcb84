// Helpers for test suites that run against the dev server: the SDK's own packages use them, and so
// can apps. Kept apart from the server entry so that importing them starts nothing.

/**
 * A password that passes the dev server's password policy.
 *
 * @example
 * ```ts
 * await signUp(janua, { email: uniqueEmail(), password: TEST_PASSWORD });
 * ```
 */
export const TEST_PASSWORD = 'Correct-Horse-9!';

/**
 * A fresh address under the reserved `example.test` domain, so tests never collide on the
 * unique-email rule and can run in any order or in parallel.
 *
 * @param tag - Readable prefix that shows up in server logs and the outbox, e.g. `admin`.
 * @example
 * ```ts
 * const email = uniqueEmail('admin'); // 'admin-1f2e3d4c@example.test'
 * ```
 */
export function uniqueEmail(tag = 'user'): string {
  return `${tag}-${crypto.randomUUID().slice(0, 8)}@example.test`;
}

/**
 * Resolves to what `promise` rejected with, and fails (rejects) if it resolved instead: assert
 * on an SDK error's class and fields without a try/catch in every test.
 *
 * @typeParam E - The expected error type; `any` by default so tests can read any field.
 * @example
 * ```ts
 * const error = await rejectionOf<AuthenticationError>(signIn(janua, { email, password: 'wrong' }));
 * expect(error.status).toBe(401);
 * ```
 */
// biome-ignore lint/suspicious/noExplicitAny: tests inspect arbitrary error fields
export async function rejectionOf<E = any>(promise: PromiseLike<unknown>): Promise<E> {
  try {
    await promise;
  } catch (err) {
    return err as E;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/**
 * Adds a fault rule (contract §7.3): make a route fail N times with a status or body, drop the
 * connection, or answer slowly. Throws if the server refuses the rule.
 *
 * @param server - A running dev server (anything with its `url`).
 * @param rule - `{ method?, path, status?, body?, headers?, drop?, delay_ms?, times? }`.
 * @example
 * ```ts
 * await addFault(server, { method: 'GET', path: '/api/v1/auth/me', status: 503, times: 2 });
 * ```
 */
export async function addFault(server: { url: string }, rule: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${server.url}/__dev/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rule),
  });
  if (res.status !== 201) throw new Error(`fault not added: ${res.status} ${await res.text()}`);
}

/**
 * Deletes every fault rule (contract §7.3).
 *
 * @example
 * ```ts
 * afterEach(() => clearFaults(server));
 * ```
 */
export async function clearFaults(server: { url: string }): Promise<void> {
  await fetch(`${server.url}/__dev/faults`, { method: 'DELETE' });
}
