import { createHmac, randomUUID } from 'node:crypto';
import { iso } from '../clock';
import type { Dev } from '../context';
import { sql } from '../store/db';
import { EVENT_DATA, isWebhookEventType, MissingEventField, type WebhookEventType } from './webhook-events';

export interface WebhookEndpointRow {
  id: string;
  user_id: string | null;
  organization_id: string | null;
  url: string;
  secret: string;
  events: string;
  is_active: number;
  description: string | null;
  headers: string | null;
  created_at: number;
  updated_at: number;
}

/** Outcomes since the previous drain (or start, or reset). */
export interface DrainResult {
  delivered: number;
  failed: number;
}

/** The delivery queue of one dev server (contract §5.1, §7.4). */
export interface WebhookDispatcher {
  /** The test delivery of `POST /webhooks/{id}/test`: `system.alert`, one attempt, no retries. */
  sendTest(endpoint: WebhookEndpointRow): Promise<void>;
  /** Resolves once nothing is queued, in flight or waiting to be retried. */
  drain(): Promise<DrainResult>;
  /** Drops everything queued and aborts what is in flight (reset). */
  clear(): void;
  /** Like {@link clear}, then waits for in-flight attempts to settle; no more deliveries after. */
  stop(): Promise<void>;
}

interface Job {
  deliveryId: string;
  eventId: string;
  endpointId: string;
  attempt: number;
  retries: boolean;
  generation: number;
}

const TIMEOUT_MS = 30_000;
const CONCURRENCY = 8;
const MAX_RESPONSE_CHARS = 10_000;
const USER_AGENT = 'Janua-Webhook/v1';

const dispatchers = new WeakMap<Dev, WebhookDispatcher>();

/** The dispatcher started for this server. */
export function webhookDispatcher(dev: Dev): WebhookDispatcher {
  const d = dispatchers.get(dev);
  if (!d) throw new Error('webhook dispatcher not started');
  return d;
}

/** Lowercase hex HMAC-SHA256 keyed by the secret's UTF-8 text over the exact body (§5.1). */
export const signBody = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('hex');

/**
 * Subscribes to `dev.events` and delivers every contract event to the matching active endpoints
 * from an in-memory queue: the request that caused an event only inserts rows, the POSTs happen
 * later, so a slow receiver never slows the API. Failed attempts are retried after
 * `retryDelaysMs[n]` (real time), each attempt recorded as one delivery row.
 */
export function startWebhookDispatcher(dev: Dev, options: { retryDelaysMs: number[] }): WebhookDispatcher {
  const delays = options.retryDelaysMs;
  let generation = 0;
  let stopped = false;
  let ready: Job[] = [];
  const running = new Set<Promise<void>>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const controllers = new Set<AbortController>();
  let counts: DrainResult = { delivered: 0, failed: 0 };
  let waiters: ((r: DrainResult) => void)[] = [];
  let pumpScheduled = false;
  const warned = new Set<string>();

  const idle = () => ready.length === 0 && running.size === 0 && timers.size === 0 && !pumpScheduled;
  const settleWaiters = () => {
    if (!idle() || waiters.length === 0) return;
    const result = counts;
    counts = { delivered: 0, failed: 0 };
    const ws = waiters;
    waiters = [];
    for (const w of ws) w(result);
  };

  const schedulePump = () => {
    if (pumpScheduled || stopped) return;
    pumpScheduled = true;
    // setImmediate: the emitting request finishes before any delivery work starts.
    setImmediate(() => {
      pumpScheduled = false;
      pump();
    });
  };

  function pump() {
    while (!stopped && running.size < CONCURRENCY && ready.length > 0) {
      const job = ready.shift() as Job;
      const p: Promise<void> = attempt(job)
        .catch((err) => console.error('[janua-dev] webhook delivery crashed', err))
        .finally(() => {
          running.delete(p);
          pump();
          settleWaiters();
        });
      running.add(p);
    }
    settleWaiters();
  }

  const insertDelivery = (eventId: string, endpointId: string, attemptNo: number) => {
    const id = randomUUID();
    sql(
      dev.db,
      `INSERT INTO webhook_deliveries (id, webhook_endpoint_id, webhook_event_id, status, attempt, created_at)
       VALUES (?,?,?,'pending',?,?)`,
    ).run(id, endpointId, eventId, attemptNo, dev.clock.now());
    return id;
  };

  const insertEvent = (type: WebhookEventType, data: Record<string, unknown>, organizationId: string | null) => {
    const id = randomUUID();
    const createdAt = dev.clock.now();
    // Key order and compact form of §5.1; these exact bytes are signed and sent on every attempt.
    const body = JSON.stringify({
      id,
      type,
      created_at: iso(createdAt),
      data,
      object: type.slice(0, type.indexOf('.')),
      api_version: 'v1',
    });
    sql(
      dev.db,
      'INSERT INTO webhook_events (id, type, data, body, organization_id, created_at) VALUES (?,?,?,?,?,?)',
    ).run(id, type, JSON.stringify(data), body, organizationId, createdAt);
    return id;
  };

  /** Runs one attempt; returns nothing, records everything. */
  async function attempt(job: Job): Promise<void> {
    const endpoint = sql(dev.db, 'SELECT * FROM webhook_endpoints WHERE id = ?').get(job.endpointId) as
      | WebhookEndpointRow
      | undefined;
    const event = sql(dev.db, 'SELECT type, body FROM webhook_events WHERE id = ?').get(job.eventId) as
      | { type: string; body: string }
      | undefined;
    if (!endpoint || !event) return; // deleted meanwhile: nothing left to report to
    const finish = (fields: {
      status: 'delivered' | 'failed' | 'retrying';
      statusCode: number | null;
      responseBody: string | null;
      error: string | null;
      durationMs: number | null;
    }) => {
      const now = dev.clock.now();
      sql(
        dev.db,
        `UPDATE webhook_deliveries SET status = ?, status_code = ?, response_body = ?, error = ?, duration_ms = ?,
         delivered_at = ? WHERE id = ?`,
      ).run(
        fields.status,
        fields.statusCode,
        fields.responseBody,
        fields.error,
        fields.durationMs,
        fields.status === 'delivered' ? now : null,
        job.deliveryId,
      );
    };
    if (endpoint.is_active !== 1) {
      finish({
        status: 'failed',
        statusCode: null,
        responseBody: null,
        error: 'Endpoint is not active',
        durationMs: null,
      });
      counts.failed++;
      return;
    }
    const headers = new Headers({
      'content-type': 'application/json',
      // Signed at send time with the current secret: a rotation applies to retries at once.
      'x-webhook-signature': signBody(endpoint.secret, event.body),
      'x-webhook-timestamp': String(Math.floor(dev.clock.now() / 1000)),
      'x-webhook-id': job.eventId,
      'x-webhook-event': event.type,
      'user-agent': USER_AGENT,
    });
    // Endpoint headers are merged last and may override the above (§5.1).
    for (const [k, v] of Object.entries(JSON.parse(endpoint.headers ?? 'null') ?? {})) headers.set(k, String(v));
    const controller = new AbortController();
    controllers.add(controller);
    const timer = setTimeout(() => controller.abort(new Error(`Timeout after ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    timer.unref();
    const started = performance.now();
    let statusCode: number | null = null;
    let responseBody: string | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(endpoint.url, {
        method: 'POST',
        headers,
        body: event.body,
        redirect: 'manual',
        signal: controller.signal,
      });
      statusCode = res.status;
      responseBody = (await res.text()).slice(0, MAX_RESPONSE_CHARS);
      if (res.status >= 300) error = `HTTP ${res.status}`;
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      error = controller.signal.aborted
        ? String((controller.signal.reason as Error | undefined)?.message ?? 'Aborted')
        : (cause?.code ?? cause?.message ?? (err as Error).message ?? 'Network error');
    } finally {
      clearTimeout(timer);
      controllers.delete(controller);
    }
    // A reset or stop happened while this attempt was in flight: the rows it would touch are gone.
    if (stopped || job.generation !== generation) return;
    const durationMs = performance.now() - started;
    if (error === null) {
      finish({ status: 'delivered', statusCode, responseBody, error, durationMs });
      counts.delivered++;
      return;
    }
    const delay = delays[job.attempt - 1];
    if (!job.retries || delay === undefined) {
      finish({ status: 'failed', statusCode, responseBody, error, durationMs });
      counts.failed++;
      return;
    }
    finish({ status: 'retrying', statusCode, responseBody, error, durationMs });
    const next: Job = {
      ...job,
      attempt: job.attempt + 1,
      deliveryId: insertDelivery(job.eventId, job.endpointId, job.attempt + 1),
    };
    const t = setTimeout(() => {
      timers.delete(t);
      if (stopped || next.generation !== generation) return settleWaiters();
      ready.push(next);
      pump();
    }, delay);
    t.unref();
    timers.add(t);
  }

  function handle(type: string, payload: Record<string, unknown>) {
    if (stopped || !isWebhookEventType(type)) return;
    const subscribed = (
      sql(
        dev.db,
        'SELECT * FROM webhook_endpoints WHERE is_active = 1 ORDER BY created_at, rowid',
      ).all() as WebhookEndpointRow[]
    ).filter((e) => (JSON.parse(e.events) as string[]).includes(type));
    if (subscribed.length === 0) return;
    let built: ReturnType<(typeof EVENT_DATA)[WebhookEventType]>;
    try {
      built = EVENT_DATA[type](dev, payload);
    } catch (err) {
      if (!(err instanceof MissingEventField)) throw err;
      if (!warned.has(type)) {
        warned.add(type);
        console.warn(`[janua-dev] webhook event ${type}: the payload has no ${err.message}; not delivered`);
      }
      return;
    }
    // An event tied to an organization goes only to that organization's endpoints (§4.8).
    const targets = subscribed.filter(
      (e) => built.organizationId === null || e.organization_id === built.organizationId,
    );
    if (targets.length === 0) return;
    const eventId = insertEvent(type, built.data, built.organizationId);
    for (const endpoint of targets) {
      const deliveryId = insertDelivery(eventId, endpoint.id, 1);
      ready.push({ deliveryId, eventId, endpointId: endpoint.id, attempt: 1, retries: true, generation });
    }
    schedulePump();
  }

  dev.events.on((type, payload) => handle(type, payload));

  const dispatcher: WebhookDispatcher = {
    async sendTest(endpoint) {
      const now = dev.clock.now();
      const data = { test: true, message: 'This is a test webhook from Janua', timestamp: iso(now) };
      const eventId = insertEvent('system.alert', data, endpoint.organization_id);
      const deliveryId = insertDelivery(eventId, endpoint.id, 1);
      const job: Job = { deliveryId, eventId, endpointId: endpoint.id, attempt: 1, retries: false, generation };
      const p = attempt(job).finally(() => {
        running.delete(p);
        settleWaiters();
      });
      running.add(p);
      await p;
    },
    drain() {
      return new Promise((resolve) => {
        waiters.push(resolve);
        settleWaiters();
      });
    },
    clear() {
      generation++;
      ready = [];
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const c of controllers) c.abort(new Error('Dev server reset'));
      counts = { delivered: 0, failed: 0 };
      settleWaiters();
    },
    async stop() {
      dispatcher.clear();
      stopped = true;
      await Promise.allSettled([...running]);
      const ws = waiters;
      waiters = [];
      for (const w of ws) w({ delivered: 0, failed: 0 });
    },
  };
  dispatchers.set(dev, dispatcher);
  return dispatcher;
}
