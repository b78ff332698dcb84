import { AuthorizationError, createJanua, NotFoundError, ValidationError } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createEndpoint,
  deleteEndpoint,
  getEndpoint,
  getEndpointStats,
  iterateDeliveries,
  iterateEvents,
  listDeliveries,
  listEndpoints,
  listEvents,
  listEventTypes,
  rotateSecret,
  testEndpoint,
  updateEndpoint,
  verifyWebhookSignature,
  WEBHOOK_EVENT_TYPES,
} from '../src/index';
import { admin, drain, newUser, rejectionOf, startCapture } from './helpers';

let server: DevServer;
let capture: Awaited<ReturnType<typeof startCapture>>;
beforeAll(async () => {
  server = await startDevServer({ webhookRetryDelaysMs: [50, 100], scryptN: 1024 });
  capture = await startCapture();
});
afterAll(async () => {
  await server?.close();
  await capture?.close();
});

const HEX64 = /^[0-9a-f]{64}$/;

describe('endpoint management', () => {
  test('create, get, list, update, delete, with the exact trailing-slash paths', async () => {
    const { janua } = await newUser(server);
    const created = await createEndpoint(janua, {
      url: 'http://example.test',
      events: ['user.created', 'session.revoked'],
      description: 'crm sync',
      headers: { 'X-Tenant': 'acme' },
    });
    expect(created).toMatchObject({
      url: 'http://example.test/', // normalised as the server does it
      events: ['user.created', 'session.revoked'],
      enabled: true,
      description: 'crm sync',
      headers: { 'X-Tenant': 'acme' },
    });
    expect(created.secret).toMatch(HEX64);
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(server.requests('POST', '/api/v1/webhooks/')).toHaveLength(1);
    expect(server.requests('POST', '/api/v1/webhooks')).toHaveLength(0);

    expect(await getEndpoint(janua, { endpointId: created.id })).toEqual(created);
    const page = await listEndpoints(janua);
    expect(page).toMatchObject({ total: 1, hasMore: false });
    expect(page.data.map((e) => e.id)).toEqual([created.id]);
    expect(server.requests('GET', '/api/v1/webhooks')).toHaveLength(0);

    const updated = await updateEndpoint(janua, { endpointId: created.id, enabled: false, events: ['user.deleted'] });
    expect(updated).toMatchObject({
      enabled: false,
      events: ['user.deleted'],
      description: 'crm sync',
      secret: created.secret,
    });
    expect((await listEndpoints(janua, { enabled: true })).data).toHaveLength(0);
    expect((await listEndpoints(janua, { enabled: false })).data).toHaveLength(1);
    const cleared = await updateEndpoint(janua, { endpointId: created.id, description: null, headers: null });
    expect(cleared).toMatchObject({ description: null, headers: null, enabled: false });

    await deleteEndpoint(janua, { endpointId: created.id });
    const err = await rejectionOf(getEndpoint(janua, { endpointId: created.id }));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toMatchObject({ status: 404, message: 'Webhook endpoint not found' });
  });

  test('enabled: false creates a disabled endpoint', async () => {
    const { janua } = await newUser(server);
    const e = await createEndpoint(janua, { url: capture.url, events: ['user.updated'], enabled: false });
    expect(e.enabled).toBe(false);
    expect((await getEndpoint(janua, { endpointId: e.id })).enabled).toBe(false);
  });

  test('bad ids and paging are rejected before any request', async () => {
    const { janua } = await newUser(server);
    const before = server.requests().length;
    for (const call of [
      getEndpoint(janua, { endpointId: 'not-a-uuid' }),
      deleteEndpoint(janua, { endpointId: '../users/me' }),
      rotateSecret(janua, { endpointId: '' }),
      listDeliveries(janua, { endpointId: '00000000-0000-4000-8000-000000000000', limit: 1001 }),
      listEvents(janua, { endpointId: '00000000-0000-4000-8000-000000000000', offset: -1 }),
      getEndpointStats(janua, { endpointId: '00000000-0000-4000-8000-000000000000', days: 0 }),
      createEndpoint(janua, { url: capture.url, events: ['user.created'], organizationId: 'acme' }),
    ]) {
      const err = await rejectionOf(call);
      expect(err).toBeInstanceOf(ValidationError);
      expect(err.status).toBe(0);
    }
    expect(server.requests().length).toBe(before);
  });

  test('unknown event names and bad URLs are 422s with field errors', async () => {
    const { janua } = await newUser(server);
    const unknown = await rejectionOf(
      // @ts-expect-error: a product-spec name the server does not know
      createEndpoint(janua, { url: capture.url, events: ['user.signed_in'] }),
    );
    expect(unknown).toBeInstanceOf(ValidationError);
    expect(unknown.status).toBe(422);
    expect(unknown.fieldErrors[0].field).toBe('body.events.0');
    const badUrl = await rejectionOf(createEndpoint(janua, { url: 'ftp://example.test/x', events: ['user.created'] }));
    expect(badUrl.status).toBe(422);
    expect(badUrl.fieldErrors[0].field).toBe('body.url');
  });

  test("someone else's endpoint is a 403; an organization needs membership", async () => {
    const owner = await newUser(server, 'owner');
    const other = await newUser(server, 'other');
    const e = await createEndpoint(owner.janua, { url: capture.url, events: ['user.created'] });
    const err = await rejectionOf(getEndpoint(other.janua, { endpointId: e.id }));
    expect(err).toBeInstanceOf(AuthorizationError);
    expect(err).toMatchObject({ status: 403, message: 'Permission denied' });
    const notMember = await rejectionOf(
      createEndpoint(other.janua, {
        url: capture.url,
        events: ['user.created'],
        organizationId: '00000000-0000-4000-8000-000000000000',
      }),
    );
    expect(notMember).toBeInstanceOf(AuthorizationError);
    expect(notMember.message).toBe('User is not a member of the specified organization');
    // The platform admin may read any endpoint.
    expect((await getEndpoint(await admin(server), { endpointId: e.id })).id).toBe(e.id);
  });

  test('the API-key principal manages its organization’s endpoints', async () => {
    const service = createJanua({ baseUrl: server.url, apiKey: server.apiKey, env: {} });
    const e = await createEndpoint(service, { url: capture.url, events: ['organization.updated'] });
    expect((await listEndpoints(service)).data.map((x) => x.id)).toContain(e.id);
    await deleteEndpoint(service, { endpointId: e.id });
  });

  test('rotateSecret: a new secret, and only the new one signs', async () => {
    const { janua } = await newUser(server);
    const e = await createEndpoint(janua, { url: capture.url, events: ['system.alert'] });
    const rotated = await rotateSecret(janua, { endpointId: e.id });
    expect(rotated.secret).toMatch(HEX64);
    expect(rotated.secret).not.toBe(e.secret);
    expect((await getEndpoint(janua, { endpointId: e.id })).secret).toBe(rotated.secret);
    const n = capture.requests.length;
    await testEndpoint(janua, { endpointId: e.id });
    const delivery = capture.requests[n];
    if (!delivery) throw new Error('no delivery');
    const check = (secret: string) =>
      verifyWebhookSignature({
        payload: delivery.body,
        signature: delivery.headers['x-webhook-signature'] as string,
        secret,
      });
    expect(await check(rotated.secret)).toBe(true);
    expect(await check(e.secret)).toBe(false);
  });

  test('testEndpoint: one system.alert attempt, recorded whatever the receiver answers', async () => {
    const failing = await startCapture(() => 503);
    try {
      const { janua } = await newUser(server);
      const e = await createEndpoint(janua, { url: capture.url, events: ['user.created'] });
      const n = capture.requests.length;
      expect(await testEndpoint(janua, { endpointId: e.id })).toEqual({ message: 'Test webhook sent successfully' });
      const body = JSON.parse(capture.requests[n]?.body ?? '{}');
      expect(body).toMatchObject({ type: 'system.alert', object: 'system', api_version: 'v1' });
      expect(body.data).toMatchObject({ test: true, message: 'This is a test webhook from Janua' });
      const [ok] = (await listDeliveries(janua, { endpointId: e.id, limit: 1 })).data;
      expect(ok).toMatchObject({ status: 'delivered', statusCode: 200, attempt: 1, error: null, endpointId: e.id });
      expect(ok?.deliveredAt).toBeInstanceOf(Date);

      await updateEndpoint(janua, { endpointId: e.id, url: failing.url });
      expect(await testEndpoint(janua, { endpointId: e.id })).toEqual({ message: 'Test webhook sent successfully' });
      await drain(server);
      expect(failing.requests).toHaveLength(1); // no retries for the test event
      const [bad] = (await listDeliveries(janua, { endpointId: e.id, limit: 1 })).data;
      expect(bad).toMatchObject({
        status: 'failed',
        statusCode: 503,
        attempt: 1,
        error: 'HTTP 503',
        deliveredAt: null,
      });
      expect(bad?.responseBody).toBe('nope 503');

      const stats = await getEndpointStats(janua, { endpointId: e.id });
      expect(stats).toMatchObject({ totalDeliveries: 2, successful: 1, failed: 1, successRate: 50, periodDays: 7 });
      expect(stats.averageDeliveryTime).toBeGreaterThanOrEqual(0);
    } finally {
      await failing.close();
    }
  });

  test('events and deliveries page, newest first; the iterators walk every page', async () => {
    const { janua } = await newUser(server);
    const e = await createEndpoint(janua, { url: capture.url, events: ['system.alert'] });
    for (let i = 0; i < 3; i++) await testEndpoint(janua, { endpointId: e.id });
    const first = await listEvents(janua, { endpointId: e.id, limit: 2 });
    expect(first).toMatchObject({ total: 3, hasMore: true });
    expect(first.data[0]).toMatchObject({ type: 'system.alert', object: 'system', apiVersion: null });
    const second = await listEvents(janua, { endpointId: e.id, limit: 2, offset: 2 });
    expect(second).toMatchObject({ total: 3, hasMore: false });
    const all = [];
    for await (const event of iterateEvents(janua, { endpointId: e.id, limit: 2 })) all.push(event.id);
    expect(all).toEqual([...first.data, ...second.data].map((x) => x.id));
    expect(new Set(all).size).toBe(3);

    const deliveries = await listDeliveries(janua, { endpointId: e.id, limit: 2 });
    expect(deliveries.hasMore).toBe(true);
    expect(deliveries.total).toBeUndefined();
    expect(deliveries.data[0]?.eventId).toBe(all[0]);
    let count = 0;
    for await (const d of iterateDeliveries(janua, { endpointId: e.id, limit: 2 })) {
      expect(d.status).toBe('delivered');
      count++;
    }
    expect(count).toBe(3);
  });

  test('listEventTypes: the contract’s 26 names', async () => {
    const { janua } = await newUser(server);
    expect(await listEventTypes(janua)).toEqual([...WEBHOOK_EVENT_TYPES]);
  });
});
