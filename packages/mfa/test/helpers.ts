import { signUp } from '@janua/auth';
import { createJanua, type Janua } from '@janua/core';
import type { DevServer } from '@janua/dev-server';
import { TEST_PASSWORD as PASSWORD, rejectionOf, uniqueEmail } from '@janua/dev-server/testing';
import { Secret, TOTP } from 'otpauth';

/** A fresh account, signed in on its own instance. */
export async function newUser(server: DevServer, tag = 'user'): Promise<{ janua: Janua; id: string; email: string }> {
  const janua = createJanua({ baseUrl: server.url, env: {} });
  const email = uniqueEmail(tag);
  const result = await signUp(janua, { email, password: PASSWORD });
  return { janua, id: result.user.id, email };
}

/**
 * The TOTP code an authenticator app would show, computed here from the secret the server
 * returned, at the server's clock moved by `steps` 30-second steps.
 */
export function totp(server: DevServer, secret: string, steps = 0): string {
  const generator = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
  return generator.generate({ timestamp: server.dev.clock.now() + steps * 30_000 });
}

/** Collects the domain events the server emits from now on. */
export function recordEvents(server: DevServer): { type: string; payload: Record<string, unknown> }[] {
  const seen: { type: string; payload: Record<string, unknown> }[] = [];
  server.dev.events.on((type, payload) => seen.push({ type, payload }));
  return seen;
}

export { PASSWORD, rejectionOf, uniqueEmail };
