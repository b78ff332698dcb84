import { Hono } from 'hono';
import { z } from 'zod';
import { iso } from '../clock';
import type { Env } from '../context';
import { HttpError } from '../errors';
import { listMessages } from '../services/outbox';
import { sweepExpiredSessions } from '../services/sessions';
import { sql } from '../store/db';
import { jsonBody } from '../validate';

const isLoopback = (addr: string | undefined) =>
  !!addr && (addr === '127.0.0.1' || addr === '::1' || addr === '::ffff:127.0.0.1');

const faultSchema = z
  .object({
    method: z.string().optional(),
    path: z.string().startsWith('/'),
    status: z.number().int().min(100).max(599).optional(),
    body: z.unknown().optional(),
    headers: z.record(z.string(), z.string()).optional(),
    drop: z.boolean().optional(),
    delay_ms: z.number().int().min(0).max(600_000).optional(),
    times: z.number().int().min(0).optional(),
  })
  .refine(
    (r) => (r.status !== undefined) !== !!r.drop || (r.status === undefined && !r.drop && r.delay_ms !== undefined),
    {
      message: 'Exactly one of status or drop, or delay_ms alone',
    },
  );

const sinceMs = (v: string | undefined) => {
  if (!v) return undefined;
  const t = Date.parse(/(Z|[+-]\d\d:?\d\d)$/.test(v) ? v : `${v}Z`);
  if (Number.isNaN(t)) throw new HttpError(400, 'Invalid since');
  return t;
};

/** §7 dev-only routes: outbox, faults, request log, reset, clock, rate-limit switch. Loopback only. */
export function devRoutes(reset: () => Promise<void>): Hono<Env> {
  const app = new Hono<Env>();
  app.use('*', async (c, next) => {
    if (!isLoopback(c.env?.incoming?.socket?.remoteAddress)) throw new HttpError(404, 'Not Found');
    return next();
  });

  app.get('/outbox', (c) => {
    const q = c.req.query();
    const messages = listMessages(c.get('dev'), {
      to: q.to,
      channel: q.channel,
      template: q.template,
      since: sinceMs(q.since),
    });
    return c.json({ messages, total: messages.length });
  });
  app.get('/outbox/latest', (c) => {
    const q = c.req.query();
    const [latest] = listMessages(c.get('dev'), { to: q.to, template: q.template, channel: q.channel });
    if (!latest) throw new HttpError(404, 'No message');
    return c.json(latest);
  });
  app.delete('/outbox', (c) => {
    const to = c.req.query('to');
    sql(c.get('dev').db, 'DELETE FROM outbox WHERE @to IS NULL OR lower(recipient) = lower(@to)').run({
      to: to ?? null,
    });
    return c.body(null, 204);
  });

  app.post('/faults', async (c) => {
    const body = await jsonBody(c, faultSchema);
    return c.json(c.get('dev').faults.add(body), 201);
  });
  app.get('/faults', (c) => c.json({ faults: c.get('dev').faults.rules }));
  app.delete('/faults', (c) => {
    c.get('dev').faults.remove();
    return c.body(null, 204);
  });
  app.delete('/faults/:id', (c) => {
    c.get('dev').faults.remove(c.req.param('id'));
    return c.body(null, 204);
  });

  app.get('/requests', (c) => {
    const q = c.req.query();
    const since = sinceMs(q.since);
    const requests = c
      .get('dev')
      .requestLog.entries.filter(
        (r) =>
          (!q.method || r.method === q.method.toUpperCase()) &&
          (!q.path || r.path === q.path) &&
          (since === undefined || r.at_ms >= since),
      )
      .map(({ at_ms: _, ...r }) => r);
    return c.json({ requests, total: requests.length });
  });
  app.delete('/requests', (c) => {
    c.get('dev').requestLog.entries.length = 0;
    return c.body(null, 204);
  });

  app.post('/reset', async (c) => {
    await reset();
    return c.body(null, 204);
  });

  const clockView = (c: import('hono').Context<Env>) => {
    const { clock } = c.get('dev');
    return c.json({ now: iso(clock.now()), offset_ms: clock.offsetMs });
  };
  app.get('/clock', clockView);
  app.post('/clock', async (c) => {
    const body = await jsonBody(
      c,
      z.object({ advance_ms: z.number().optional(), set: z.string().optional(), reset: z.boolean().optional() }),
    );
    const { clock } = c.get('dev');
    if (body.reset) clock.offsetMs = 0;
    else if (body.advance_ms !== undefined) clock.offsetMs += body.advance_ms;
    else if (body.set !== undefined) {
      const target = sinceMs(body.set) as number;
      clock.offsetMs = target - Date.now();
    } else throw new HttpError(400, 'One of advance_ms, set or reset is required');
    // Time moved: sessions it carried past their expiry end now, as they would on a real clock.
    sweepExpiredSessions(c.get('dev'));
    return clockView(c);
  });

  app.post('/rate-limits', async (c) => {
    const body = await jsonBody(c, z.object({ enabled: z.boolean() }));
    const dev = c.get('dev');
    dev.rateLimiter.enabled = body.enabled;
    dev.rateLimiter.clear();
    return c.json({ enabled: body.enabled });
  });
  app.get('/rate-limits', (c) => c.json({ enabled: c.get('dev').rateLimiter.enabled }));
  return app;
}
