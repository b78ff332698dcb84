import { randomUUID } from 'node:crypto';

export const PASSWORD = 'Correct-Horse-9!';
export const uniqueEmail = (tag = 'user') => `${tag}-${randomUUID().slice(0, 8)}@example.test`;

/** Resolves to the rejection of `promise`; fails the test if it resolved instead. */
// biome-ignore lint/suspicious/noExplicitAny: tests inspect arbitrary error fields
export async function rejectionOf(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
