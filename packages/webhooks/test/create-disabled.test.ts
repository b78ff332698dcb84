// createEndpoint({ enabled: false }) is two requests (the API has no create-disabled field): a
// POST, then a PATCH. When the PATCH fails, the caller gets an error and neither the id nor the
// secret, so the SDK must not leave an active, subscribed endpoint behind.
import { ServerError, ValidationError } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { clearFaults } from '@janua/dev-server/testing';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { createEndpoint, deleteEndpoint, listEndpoints } from '../src/index';
import { addFault, newUser, rejectionOf } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer({ scryptN: 1024 });
});
afterEach(async () => {
  await clearFaults(server);
});
afterAll(() => server.close());

const input = { url: 'https://example.test/hook', events: ['user.created' as const], enabled: false };
const deletes = () => server.requests('DELETE').filter((r) => r.path.startsWith('/api/v1/webhooks/'));

test('enabled: false creates the endpoint disabled', async () => {
  const { janua } = await newUser(server);
  const endpoint = await createEndpoint(janua, input);
  expect(endpoint.enabled).toBe(false);
  expect((await listEndpoints(janua)).data).toEqual([expect.objectContaining({ id: endpoint.id, enabled: false })]);
});

test('the PATCH fails: the created endpoint is deleted and the PATCH error is thrown', async () => {
  const { janua } = await newUser(server);
  const before = deletes().length;
  await addFault(server, { method: 'PATCH', path: '/api/v1/webhooks/*', status: 500 });
  const err = await rejectionOf(createEndpoint(janua, input));
  expect(err).toBeInstanceOf(ServerError);
  expect(err.status).toBe(500);
  expect(err.details.createdEndpointId).toBeUndefined();
  expect(deletes().length - before).toBe(1);
  expect((await listEndpoints(janua)).data).toEqual([]);
});

test('the PATCH and the DELETE fail: the PATCH error carries the id to clean up, never the secret', async () => {
  const { janua } = await newUser(server);
  await addFault(server, { method: 'PATCH', path: '/api/v1/webhooks/*', status: 500 });
  // 403 is never retried, so exactly one DELETE is tried; its error must not replace the PATCH's.
  await addFault(server, { method: 'DELETE', path: '/api/v1/webhooks/*', status: 403 });
  const err = await rejectionOf(createEndpoint(janua, input));
  expect(err).toBeInstanceOf(ServerError);
  expect(err.status).toBe(500);

  const [left] = (await listEndpoints(janua)).data;
  expect(left?.enabled).toBe(true); // what the caller must clean up
  expect(left?.secret).toMatch(/^[0-9a-f]{64}$/);
  expect(err.details.createdEndpointId).toBe(left?.id);
  const visible = JSON.stringify({ ...err, message: err.message, stack: err.stack, cause: String(err.cause) });
  expect(visible).toContain(left?.id);
  expect(visible).not.toContain(left?.secret);

  await deleteEndpoint(janua, { endpointId: err.details.createdEndpointId });
  expect((await listEndpoints(janua)).data).toEqual([]);
});

test('a missing url is a ValidationError naming it, before any request', async () => {
  const { janua } = await newUser(server);
  const before = server.requests('POST', '/api/v1/webhooks/').length;
  for (const url of [undefined, null, '', 42]) {
    const err = await rejectionOf(createEndpoint(janua, { ...input, url: url as never }));
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.fieldErrors.map((f: { field: string }) => f.field)).toEqual(['url']);
  }
  expect(server.requests('POST', '/api/v1/webhooks/').length).toBe(before);
});
