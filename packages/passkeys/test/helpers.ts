import { randomUUID } from 'node:crypto';
import { signUp } from '@janua/auth';
import { createJanua, type Janua } from '@janua/core';
import type { DevServer } from '@janua/dev-server';

export const PASSWORD = 'Correct-Horse-9!';
export const uniqueEmail = (tag = 'pk') => `${tag}-${randomUUID().slice(0, 8)}@example.test`;

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

/** A fresh account, signed in on its own instance. */
export async function newUser(server: DevServer, tag?: string): Promise<{ janua: Janua; email: string; id: string }> {
  const janua = createJanua({ baseUrl: server.url, env: {} });
  const email = uniqueEmail(tag);
  const result = await signUp(janua, { email, password: PASSWORD, firstName: 'Ada', lastName: 'Lovelace' });
  return { janua, email, id: result.user.id };
}
