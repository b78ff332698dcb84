import { Hono } from 'hono';
import { z } from 'zod';
import type { Env } from '../context';
import { requireUser } from '../services/principal';
import { toUser, updateUser } from '../services/users';
import { jsonBody } from '../validate';

export const userUpdateSchema = z.object({
  first_name: z.string().max(100).nullish(),
  last_name: z.string().max(100).nullish(),
  display_name: z.string().max(200).nullish(),
  bio: z.string().max(1000).nullish(),
  phone_number: z.string().max(20).nullish(),
  timezone: z.string().max(50).nullish(),
  locale: z.string().max(10).nullish(),
  user_metadata: z.record(z.string(), z.unknown()).nullish(),
});

/** Converts a validated `UserUpdate` to columns: null/absent = unchanged (§4.3). */
export function userUpdateColumns(body: z.infer<typeof userUpdateSchema>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (v === null || v === undefined) continue;
    out[k] = k === 'user_metadata' ? JSON.stringify(v) : v;
  }
  return out;
}

/** §4.3: the caller's own profile. */
export function userRoutes(): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/me', async (c) => {
    const { user } = await requireUser(c);
    return c.json(toUser(user));
  });
  app.patch('/me', async (c) => {
    const dev = c.get('dev');
    const { user } = await requireUser(c);
    const body = await jsonBody(c, userUpdateSchema);
    const updated = updateUser(dev, user.id, userUpdateColumns(body));
    dev.events.emit('user.updated', { user: updated });
    return c.json(toUser(updated));
  });
  return app;
}
