import { signUp } from '@janua/auth';
import { createJanua, type Janua } from '@janua/core';
import type { DevServer } from '@janua/dev-server';
import { TEST_PASSWORD as PASSWORD, rejectionOf, uniqueEmail } from '@janua/dev-server/testing';

/** A fresh account, signed in on its own instance. */
export async function newUser(server: DevServer, tag?: string): Promise<{ janua: Janua; email: string; id: string }> {
  const janua = createJanua({ baseUrl: server.url, env: {} });
  const email = uniqueEmail(tag);
  const result = await signUp(janua, { email, password: PASSWORD, firstName: 'Ada', lastName: 'Lovelace' });
  return { janua, email, id: result.user.id };
}

export { PASSWORD, rejectionOf, uniqueEmail };
