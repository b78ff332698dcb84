import { createHmac } from 'node:crypto';
import { signIn, signOut } from '@janua/auth';
import { createJanua, request } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createEndpoint, listDeliveries, listEvents, updateEndpoint, WEBHOOK_EVENT_TYPES } from '../src/index';
import { admin, type Captured, drain, newUser, PASSWORD, startCapture, uniqueEmail } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer({ webhookRetryDelaysMs: [50, 100], scryptN: 1024 });
});
afterAll(() => server?.close());
// Routing is global (every subscribed endpoint gets user.created), so each test starts empty.
beforeEach(() => server.reset());

const parsed = (c: Captured | undefined) => JSON.parse(c?.body ?? 'null');
const hmac = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('hex');

describe('real deliveries (§5.1)', () => {
  test('a sign-up is delivered with the exact body, headers and signature', async () => {
    const capture = await startCapture();
    try {
      const janua = await admin(server);
      const endpoint = await createEndpoint(janua, {
        url: capture.url,
        events: ['user.created'],
        headers: { 'X-Tenant': 'acme', 'user-agent': 'custom-agent' },
      });
      await drain(server);
      server.advanceClock(3_600_000); // X-Webhook-Timestamp follows the dev clock
      const email = uniqueEmail('signup');
      const res = await fetch(`${server.url}/api/v1/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD, first_name: 'Ada', username: `ada_${Date.now()}` }),
      });
      const user = (await res.json()).user;
      expect(await drain(server)).toEqual({ delivered: 1, failed: 0 });
      server.advanceClock(-3_600_000);

      expect(capture.requests).toHaveLength(1);
      const [delivery] = capture.requests;
      if (!delivery) throw new Error('no delivery');
      const { headers, body } = delivery;
      const event = JSON.parse(body);
      // Compact JSON, keys in the contract's order.
      expect(Object.keys(event)).toEqual(['id', 'type', 'created_at', 'data', 'object', 'api_version']);
      expect(body).toBe(JSON.stringify(event));
      expect(event).toMatchObject({ type: 'user.created', object: 'user', api_version: 'v1' });
      expect(event.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?$/);
      expect(event.data).toEqual({
        id: user.id,
        email,
        first_name: 'Ada',
        last_name: null,
        username: user.username,
        created_at: user.created_at,
      });
      expect(body).not.toMatch(/password|hash/);

      expect(headers['content-type']).toBe('application/json');
      expect(headers['x-webhook-signature']).toBe(hmac(endpoint.secret, body));
      expect(headers['x-webhook-id']).toBe(event.id);
      expect(headers['x-webhook-event']).toBe('user.created');
      expect(headers['x-tenant']).toBe('acme');
      expect(headers['user-agent']).toBe('custom-agent'); // endpoint headers are merged last
      const ts = Number(headers['x-webhook-timestamp']);
      expect(Number.isInteger(ts)).toBe(true);
      expect(Math.abs(ts - (delivery.at + 3_600_000) / 1000)).toBeLessThan(5);

      const [recorded] = (await listEvents(janua, { endpointId: endpoint.id })).data;
      expect(recorded).toMatchObject({ id: event.id, type: 'user.created', data: event.data });
    } finally {
      await capture.close();
    }
  });

  test('user.updated, session.created and session.revoked carry the contract data', async () => {
    const capture = await startCapture();
    try {
      const hooks = await createEndpoint(await admin(server), {
        url: capture.url,
        events: ['user.updated', 'session.created', 'session.revoked'],
      });
      await drain(server);
      const { janua, email } = await newUser(server); // session.created
      const me = await request<{ id: string }>(janua, { method: 'PATCH', path: '/users/me', body: { last_name: 'B' } });
      await signOut(janua); // session.revoked
      const again = createJanua({ baseUrl: server.url, env: {} });
      const signedIn = await signIn(again, { email, password: PASSWORD }); // session.created
      await drain(server);
      const events = capture.requests.map(parsed);
      expect(events.map((e) => e.type)).toEqual([
        'session.created',
        'user.updated',
        'session.revoked',
        'session.created',
      ]);
      expect(events[0].data).toEqual({ session_id: expect.any(String), user_id: me.id });
      expect(events[1].data).toMatchObject({ id: me.id, email, first_name: 'Ada', last_name: 'B' });
      expect(Object.keys(events[1].data).sort()).toEqual([
        'created_at',
        'email',
        'first_name',
        'id',
        'last_name',
        'username',
      ]);
      expect(events[2].data).toEqual({ session_id: events[0].data.session_id, user_id: me.id });
      expect(events[3]).toMatchObject({ object: 'session' });
      if (signedIn.status !== 'signedIn') throw new Error('mfa');
      expect(events[3].data).toEqual({ session_id: signedIn.session?.id, user_id: me.id });
      for (const c of capture.requests) expect(c.headers['x-webhook-signature']).toBe(hmac(hooks.secret, c.body));
    } finally {
      await capture.close();
    }
  });

  test('only active endpoints subscribed to the type receive it', async () => {
    const subscribed = await startCapture();
    const other = await startCapture();
    const disabled = await startCapture();
    try {
      const janua = await admin(server);
      await createEndpoint(janua, { url: subscribed.url, events: ['user.created'] });
      await createEndpoint(janua, { url: other.url, events: ['user.deleted'] });
      const off = await createEndpoint(janua, { url: disabled.url, events: ['user.created'] });
      await updateEndpoint(janua, { endpointId: off.id, enabled: false });
      await drain(server);
      await newUser(server);
      await drain(server);
      expect(subscribed.requests.map((r) => parsed(r).type)).toEqual(['user.created']);
      expect(other.requests).toHaveLength(0);
      expect(disabled.requests).toHaveLength(0);
    } finally {
      await Promise.all([subscribed.close(), other.close(), disabled.close()]);
    }
  });

  test('deliveries never block the request that caused them', async () => {
    const slow = await startCapture(() => new Promise((r) => setTimeout(() => r(200), 2500)));
    try {
      await createEndpoint(await admin(server), { url: slow.url, events: ['user.created'] });
      await drain(server);
      const started = Date.now();
      await newUser(server);
      expect(Date.now() - started).toBeLessThan(2000); // the receiver holds each delivery 2.5 s
      expect(await drain(server)).toEqual({ delivered: 1, failed: 0 });
      expect(Date.now() - started).toBeGreaterThanOrEqual(2400);
    } finally {
      await slow.close();
    }
  });

  test('a failing receiver gets up to 3 attempts with the same X-Webhook-ID, each recorded', async () => {
    const flaky = await startCapture((n) => (n <= 2 ? 500 : 200));
    const down = await startCapture(() => 502);
    try {
      const janua = await admin(server);
      const ok = await createEndpoint(janua, { url: flaky.url, events: ['user.created'] });
      const bad = await createEndpoint(janua, { url: down.url, events: ['user.created'] });
      await drain(server);
      await newUser(server);
      expect(await drain(server)).toEqual({ delivered: 1, failed: 1 });

      expect(flaky.requests).toHaveLength(3);
      const ids = new Set(flaky.requests.map((r) => r.headers['x-webhook-id']));
      expect(ids.size).toBe(1);
      expect(new Set(flaky.requests.map((r) => r.body)).size).toBe(1);
      // The schedule: 50 ms, then 100 ms.
      const [a, b, c] = flaky.requests.map((r) => r.at) as [number, number, number];
      expect(b - a).toBeGreaterThanOrEqual(45);
      expect(c - b).toBeGreaterThanOrEqual(95);
      const attempts = (await listDeliveries(janua, { endpointId: ok.id })).data;
      expect(attempts.map((d) => [d.attempt, d.status, d.statusCode])).toEqual([
        [3, 'delivered', 200],
        [2, 'retrying', 500],
        [1, 'retrying', 500],
      ]);
      expect(new Set(attempts.map((d) => d.eventId))).toEqual(ids);

      expect(down.requests).toHaveLength(3);
      const failed = (await listDeliveries(janua, { endpointId: bad.id })).data;
      expect(failed.map((d) => [d.attempt, d.status, d.error])).toEqual([
        [3, 'failed', 'HTTP 502'],
        [2, 'retrying', 'HTTP 502'],
        [1, 'retrying', 'HTTP 502'],
      ]);
    } finally {
      await Promise.all([flaky.close(), down.close()]);
    }
  });

  test('a receiver that is not listening is a network error with no status code', async () => {
    const gone = await startCapture();
    await gone.close();
    const janua = await admin(server);
    const e = await createEndpoint(janua, { url: gone.url, events: ['user.created'] });
    await drain(server);
    await newUser(server);
    expect(await drain(server)).toMatchObject({ failed: 1 });
    const [last] = (await listDeliveries(janua, { endpointId: e.id, limit: 1 })).data;
    expect(last).toMatchObject({ attempt: 3, status: 'failed', statusCode: null, error: 'ECONNREFUSED' });
    await updateEndpoint(janua, { endpointId: e.id, enabled: false });
  });
});

describe('the mapping table: every contract event emitted under its name is delivered', () => {
  test('all 26 names, each with the contract data and no row fields', async () => {
    const capture = await startCapture();
    try {
      const janua = await admin(server);
      const { id: orgId } = server.dev.db.prepare("SELECT id FROM organizations WHERE slug = 'dev'").get() as {
        id: string;
      };
      // An organization endpoint (API-key principal: the key's organization) and a personal one.
      const service = createJanua({ baseUrl: server.url, apiKey: server.apiKey, env: {} });
      const orgHook = await createEndpoint(service, { url: `${capture.url}?org`, events: [...WEBHOOK_EVENT_TYPES] });
      const personal = await createEndpoint(janua, { url: capture.url, events: [...WEBHOOK_EVENT_TYPES] });
      await drain(server);
      const { janua: userJanua } = await newUser(server, 'mapped');
      const user = await request<Record<string, unknown>>(userJanua, { method: 'GET', path: '/users/me' });
      await drain(server);
      capture.requests.length = 0;

      // The payload shapes other route modules use: DB rows, camelCase ids.
      const row = server.dev.db.prepare('SELECT * FROM users WHERE id = ?').get(user.id) as Record<string, unknown>;
      const org = server.dev.db.prepare('SELECT * FROM organizations WHERE id = ?').get(orgId) as Record<
        string,
        unknown
      >;
      const uid = user.id as string;
      const emitted: [string, Record<string, unknown>, Record<string, unknown>][] = [
        ...['user.created', 'user.updated', 'user.deleted', 'user.verified', 'user.suspended', 'user.reactivated'].map(
          (t): [string, Record<string, unknown>, Record<string, unknown>] => [
            t,
            { user: row },
            {
              id: uid,
              email: user.email,
              first_name: 'Ada',
              last_name: 'Lovelace',
              username: null,
              created_at: user.created_at,
            },
          ],
        ),
        ['session.created', { user: row, session: { id: 's1', user_id: uid } }, { session_id: 's1', user_id: uid }],
        ['session.revoked', { userId: uid, sessionId: 's1', reason: 'signout' }, { session_id: 's1', user_id: uid }],
        ['session.expired', { session: { id: 's2', user_id: uid } }, { session_id: 's2', user_id: uid }],
        ['organization.created', { organization: org }, { id: orgId, name: 'Dev', slug: 'dev' }],
        ['organization.updated', { organization: org }, { id: orgId, name: 'Dev', slug: 'dev' }],
        ['organization.deleted', { organizationId: orgId }, { id: orgId, name: 'Dev', slug: 'dev' }],
        [
          'organization.member.added',
          { organizationId: orgId, userId: uid, role: 'member' },
          { organization_id: orgId, user_id: uid, role: 'member' },
        ],
        [
          'organization.member.removed',
          { member: { organization_id: orgId, user_id: uid, role: 'viewer' } },
          { organization_id: orgId, user_id: uid, role: 'viewer' },
        ],
        [
          'organization.member.role_changed',
          { organization: org, user: row, newRole: 'admin', oldRole: 'member' },
          { organization_id: orgId, user_id: uid, role: 'admin' },
        ],
        ['security.mfa.enabled', { user: row }, { user_id: uid }],
        ['security.mfa.disabled', { userId: uid }, { user_id: uid }],
        [
          'security.passkey.registered',
          { user: row, passkey: { id: 'pk1', user_id: uid, public_key: 'secret-ish' } },
          { user_id: uid, passkey_id: 'pk1' },
        ],
        ['security.passkey.removed', { userId: uid, passkeyId: 'pk2' }, { user_id: uid, passkey_id: 'pk2' }],
        ['security.password.changed', { user: row }, { user_id: uid }],
        ['security.password.reset', { user_id: uid }, { user_id: uid }],
        ['security.suspicious_activity', { user: row, reason: 'impossible travel' }, { user_id: uid }],
        ['oauth.account.linked', { user: row, provider: 'github' }, { user_id: uid, provider: 'github' }],
        [
          'oauth.account.unlinked',
          { userId: uid, account: { provider: 'google', access_token: 't' } },
          { user_id: uid, provider: 'google' },
        ],
        [
          'admin.action',
          { actor: row, action: 'user.suspend', targetId: 't1' },
          { actor_id: uid, action: 'user.suspend', target_id: 't1' },
        ],
        [
          'system.alert',
          { message: 'disk almost full', level: 'warning' },
          { message: 'disk almost full', level: 'warning' },
        ],
      ];
      expect(emitted.map(([t]) => t)).toEqual([...WEBHOOK_EVENT_TYPES]);
      for (const [type, payload] of emitted) server.dev.events.emit(type, payload);
      await drain(server);

      const ORG_TIED = new Set([
        'organization.updated',
        'organization.deleted',
        'organization.member.added',
        'organization.member.removed',
        'organization.member.role_changed',
      ]);
      for (const [type, , data] of emitted) {
        const got = capture.requests.filter((r) => parsed(r).type === type);
        // Organization events reach only that organization's endpoint; the rest reach both.
        expect(got.map((r) => r.headers['x-webhook-signature'] === hmac(orgHook.secret, r.body))).toEqual(
          ORG_TIED.has(type) ? [true] : expect.arrayContaining([true, false]),
        );
        expect(got).toHaveLength(ORG_TIED.has(type) ? 1 : 2);
        const event = parsed(got[0]);
        expect(event.object).toBe(type.split('.')[0]);
        if (type === 'system.alert') expect(event.data).toMatchObject(data);
        else expect(event.data).toEqual(data);
        expect(JSON.stringify(event.data)).not.toMatch(/password|hash|public_key|access_token/);
      }
      expect(personal.id).not.toBe(orgHook.id);
    } finally {
      await capture.close();
    }
  });

  test('a payload without the fields the contract needs is not delivered (and warns once)', async () => {
    const capture = await startCapture();
    try {
      await createEndpoint(await admin(server), { url: capture.url, events: ['security.passkey.removed'] });
      await drain(server);
      server.dev.events.emit('security.passkey.removed', { note: 'no ids at all' });
      server.dev.events.emit('not.a.contract.event', { user: {} });
      expect(await drain(server)).toEqual({ delivered: 0, failed: 0 });
      expect(capture.requests).toHaveLength(0);
    } finally {
      await capture.close();
    }
  });
});

describe('lifecycle', () => {
  test('reset drops queued retries; close does not wait for a stalled receiver', async () => {
    const local = await startDevServer({ webhookRetryDelaysMs: [60_000], scryptN: 1024 });
    const stalled = await startCapture(() => new Promise(() => {}));
    const failing = await startCapture(() => 500);
    try {
      const janua = await admin(local);
      await createEndpoint(janua, { url: failing.url, events: ['user.created'] });
      await newUser(local);
      await failing.received(1);
      await new Promise((r) => setTimeout(r, 50));
      await local.reset(); // the 60 s retry is dropped
      expect(await drain(local)).toEqual({ delivered: 0, failed: 0 });

      const again = await admin(local);
      await createEndpoint(again, { url: stalled.url, events: ['user.created'] });
      await newUser(local);
      await stalled.received(1);
      const started = Date.now();
      await local.close();
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await local.close();
      await Promise.all([stalled.close(), failing.close()]);
    }
  });
});
