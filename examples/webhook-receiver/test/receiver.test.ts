// End to end over real HTTP: the example receiver registers itself with a dev server, and every
// delivery goes through node:http, the SDK's verifier, and the receiver's de-duplication.
import { signIn, signUp } from '@janua/auth';
import { createJanua, type Janua } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { createEndpoint, listDeliveries, rotateSecret, type WebhookEndpoint } from '@janua/webhooks';
import { constructWebhookEvent, type WebhookEvent, WebhookVerificationError } from '@janua/webhooks/verify';
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import { createWebhookReceiver } from '../receiver.mjs';

const PASSWORD = 'Correct-Horse-9!';
let server: DevServer;
let janua: Janua;
let receiver: ReturnType<typeof createWebhookReceiver>;
let endpoint: WebhookEndpoint;
/** The secrets the receiver's lookup returns; null makes the lookup throw (a vault outage). */
let secrets: string[] | null;
let events: WebhookEvent[];
let failNext: number;
/** Raw deliveries as they arrived (body bytes and headers), captured before the receiver runs. */
let raw: { body: Buffer; headers: Record<string, string | string[] | undefined> }[];

beforeAll(async () => {
  server = await startDevServer({ webhookRetryDelaysMs: [50, 100], scryptN: 1024 });
});
afterAll(() => server?.close());

beforeEach(async () => {
  await server.reset();
  events = [];
  raw = [];
  failNext = 0;
  secrets = [];
  receiver = createWebhookReceiver({
    secret: () => {
      if (!secrets) throw new Error('the secret vault is down');
      return secrets;
    },
    onEvent: (event) => {
      if (failNext > 0) {
        failNext--;
        throw new Error('the database is down');
      }
      events.push(event);
    },
  });
  receiver.server.prependListener('request', (req) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => raw.push({ body: Buffer.concat(chunks), headers: { ...req.headers } }));
  });
  const url = await receiver.listen();
  janua = createJanua({ baseUrl: server.url, env: {} });
  await signIn(janua, { email: server.admin.email, password: server.admin.password });
  endpoint = await createEndpoint(janua, { url, events: ['user.created', 'user.updated'] });
  secrets = [endpoint.secret];
});
afterEach(() => receiver?.close());

const drain = async () =>
  (await fetch(`${server.url}/__dev/webhooks/drain`, { method: 'POST' })).json() as Promise<{
    delivered: number;
    failed: number;
  }>;
const signUpSomeone = async (tag: string) => {
  const email = `${tag}-${Date.now()}-${Math.random().toString(16).slice(2, 8)}@example.test`;
  const result = await signUp(createJanua({ baseUrl: server.url, env: {} }), { email, password: PASSWORD });
  return { email, id: result.user.id };
};

test('a sign-up causes a delivery that the receiver verifies', async () => {
  const { email, id } = await signUpSomeone('ada');
  expect(await drain()).toEqual({ delivered: 1, failed: 0 });
  expect(events).toHaveLength(1);
  const [event] = events;
  if (event?.type !== 'user.created') throw new Error(`unexpected ${event?.type}`);
  expect(event.data).toMatchObject({ id, email });
  expect(event.object).toBe('user');
  expect(event.apiVersion).toBe('v1');
  expect(event.createdAt).toBeInstanceOf(Date);
  expect(raw[0]?.headers['x-webhook-id']).toBe(event.id);
  expect(receiver.rejected).toEqual([]);
});

test('a receiver failing twice gets the third attempt with the same id, and handles it once', async () => {
  failNext = 2;
  await signUpSomeone('flaky');
  expect(await drain()).toEqual({ delivered: 1, failed: 0 });
  expect(raw).toHaveLength(3);
  const ids = raw.map((r) => r.headers['x-webhook-id']);
  expect(new Set(ids).size).toBe(1);
  expect(events).toHaveLength(1);
  expect(events[0]?.id).toBe(ids[0]);
  const attempts = (await listDeliveries(janua, { endpointId: endpoint.id })).data;
  expect(attempts.map((d) => [d.attempt, d.status, d.statusCode])).toEqual([
    [3, 'delivered', 200],
    [2, 'retrying', 500],
    [1, 'retrying', 500],
  ]);
});

test('a replayed delivery is de-duplicated on X-Webhook-ID', async () => {
  await signUpSomeone('replay');
  await drain();
  const [first] = raw;
  if (!first) throw new Error('no delivery');
  const copy = (name: string) => String(first.headers[name]);
  const replay = await fetch(endpoint.url, {
    method: 'POST',
    headers: Object.fromEntries(
      ['content-type', 'x-webhook-id', 'x-webhook-signature', 'x-webhook-timestamp', 'x-webhook-event'].map((h) => [
        h,
        copy(h),
      ]),
    ),
    body: new Uint8Array(first.body),
  });
  expect(await replay.json()).toEqual({ received: true, duplicate: true });
  expect(events).toHaveLength(1);
});

test('a rotated secret invalidates the old one; accepting both bridges the rotation', async () => {
  const old = endpoint.secret;
  const { secret: next } = await rotateSecret(janua, { endpointId: endpoint.id });
  await signUpSomeone('rotated'); // the receiver still only knows the old secret
  expect(await drain()).toEqual({ delivered: 0, failed: 1 });
  expect(events).toHaveLength(0);
  expect(receiver.rejected.map((r) => r.code)).toEqual(['invalid_signature', 'invalid_signature', 'invalid_signature']);

  secrets = [next, old];
  await signUpSomeone('bridged');
  expect(await drain()).toEqual({ delivered: 1, failed: 0 });
  expect(events).toHaveLength(1);

  secrets = [old];
  const last = raw.at(-1);
  if (!last) throw new Error('no delivery');
  const err = await constructWebhookEvent({ payload: last.body, headers: last.headers, secret: old }).catch((e) => e);
  expect(err).toBeInstanceOf(WebhookVerificationError);
  expect(err.code).toBe('invalid_signature');
});

test('a tampered body, a wrong secret, a stale timestamp and no signature: each its own error code', async () => {
  await signUpSomeone('codes');
  await drain();
  const delivery = raw[0];
  if (!delivery) throw new Error('no delivery');
  const codeOf = async (p: Partial<Parameters<typeof constructWebhookEvent>[0]>) => {
    const err = await constructWebhookEvent({
      payload: delivery.body,
      headers: delivery.headers,
      secret: endpoint.secret,
      ...p,
    }).catch((e) => e);
    expect(err).toBeInstanceOf(WebhookVerificationError);
    return err.code;
  };
  // The genuine delivery verifies.
  expect(
    (await constructWebhookEvent({ payload: delivery.body, headers: delivery.headers, secret: endpoint.secret })).type,
  ).toBe('user.created');
  const tampered = Buffer.from(delivery.body.toString('utf8').replace('"user.created"', '"user.updated"'));
  expect(await codeOf({ payload: tampered })).toBe('invalid_signature');
  expect(await codeOf({ secret: 'f'.repeat(64) })).toBe('invalid_signature');
  expect(await codeOf({ now: Date.now() + 10 * 60_000 })).toBe('timestamp_out_of_tolerance');
  const { 'x-webhook-signature': _, ...unsigned } = delivery.headers;
  expect(await codeOf({ headers: unsigned })).toBe('missing_signature');

  // Over HTTP, to the receiver itself: each refusal is a 400 with its code, and a receiver that
  // fails on its own (its secret lookup throws) answers 500 instead of leaving the request hanging.
  const post = async (body: Buffer, headers: Record<string, string | string[] | undefined>) => {
    const res = await fetch(endpoint.url, {
      method: 'POST',
      headers: Object.fromEntries(
        Object.entries(headers).filter(([k, v]) => typeof v === 'string' && k.startsWith('x-webhook')),
      ) as Record<string, string>,
      body: new Uint8Array(body),
    });
    return [res.status, await res.json()];
  };
  const before = receiver.rejected.length;
  expect(await post(tampered, delivery.headers)).toEqual([400, { error: 'invalid_signature' }]);
  expect(await post(delivery.body, unsigned)).toEqual([400, { error: 'missing_signature' }]);
  secrets = null;
  expect(await post(delivery.body, delivery.headers)).toEqual([500, { error: 'receiver_failed' }]);
  secrets = [endpoint.secret];
  // The genuine bytes again: already handled, so acknowledged as a duplicate.
  expect(await post(delivery.body, delivery.headers)).toEqual([200, { received: true, duplicate: true }]);
  expect(receiver.rejected.slice(before).map((r) => r.code)).toEqual(['invalid_signature', 'missing_signature']);
  receiver.rejected.length = 0;

  // And over HTTP: a delivery stamped 10 minutes in the past by the server's clock is refused.
  server.advanceClock(-10 * 60_000);
  await signUpSomeone('stale');
  expect(await drain()).toEqual({ delivered: 0, failed: 1 });
  server.advanceClock(10 * 60_000);
  expect(receiver.rejected.map((r) => r.code)).toEqual([
    'timestamp_out_of_tolerance',
    'timestamp_out_of_tolerance',
    'timestamp_out_of_tolerance',
  ]);
});
