import { randomUUID } from 'node:crypto';
import { signUp } from '@janua/auth';
import { createJanua, type Janua } from '@janua/core';
import type { DevServer } from '@janua/dev-server';
import { TEST_PASSWORD as PASSWORD, rejectionOf, uniqueEmail } from '@janua/dev-server/testing';

export const uniqueSlug = (tag = 'org') => `${tag}-${randomUUID().slice(0, 8)}`;

/** A fresh account, signed in on its own instance. */
export async function newUser(server: DevServer, tag = 'user'): Promise<{ janua: Janua; id: string; email: string }> {
  const janua = createJanua({ baseUrl: server.url, env: {} });
  const email = uniqueEmail(tag);
  const result = await signUp(janua, { email, password: PASSWORD });
  return { janua, id: result.user.id, email };
}

/** Collects the domain events the server emits from now on. */
export function recordEvents(server: DevServer): { type: string; payload: Record<string, unknown> }[] {
  const seen: { type: string; payload: Record<string, unknown> }[] = [];
  server.dev.events.on((type, payload) => seen.push({ type, payload }));
  return seen;
}

/** The token of the newest invitation mailed to `to`, read from the outbox. */
export function invitationToken(server: DevServer, to: string): string {
  const [mail] = server.outbox({ to, template: 'invitation' });
  if (!mail?.token) throw new Error(`no invitation in the outbox for ${to}`);
  return mail.token;
}

export { PASSWORD, rejectionOf, uniqueEmail };
