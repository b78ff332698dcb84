import { Hono } from 'hono';
import type { Env } from '../context';
import { HttpError } from '../errors';
import { webhookDispatcher } from '../services/webhook-dispatcher';

const isLoopback = (addr: string | undefined) =>
  !!addr && (addr === '127.0.0.1' || addr === '::1' || addr === '::ffff:127.0.0.1');

/** §7.4 `POST /__dev/webhooks/drain` (mounted at `/__dev/webhooks`). Loopback only. */
export function devWebhookRoutes(): Hono<Env> {
  const app = new Hono<Env>();
  app.use('*', async (c, next) => {
    if (!isLoopback(c.env?.incoming?.socket?.remoteAddress)) throw new HttpError(404, 'Not Found');
    return next();
  });
  // Waits until nothing is queued, in flight or scheduled for a retry, then reports the outcomes
  // since the previous drain: `delivered` and `failed` count final outcomes, not attempts.
  app.post('/drain', async (c) => c.json(await webhookDispatcher(c.get('dev')).drain()));
  return app;
}
