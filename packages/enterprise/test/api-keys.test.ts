import { signIn, signUp } from '@janua/auth';
import {
  AuthenticationError,
  AuthorizationError,
  createJanua,
  type Janua,
  NotFoundError,
  RateLimitError,
  request,
  requestRaw,
  ValidationError,
} from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { addFault } from '@janua/dev-server/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createApiKey,
  deleteApiKey,
  getApiKey,
  listApiKeys,
  listAuditLogs,
  rotateApiKey,
  updateApiKey,
  verifyApiKey,
} from '../src/index';
import { PASSWORD, rejectionOf, uniqueEmail } from './helpers';

let server: DevServer;
let admin: Janua;
let orgId: string;
beforeAll(async () => {
  server = await startDevServer();
  admin = createJanua({ baseUrl: server.url, env: {} });
  await signIn(admin, { email: server.admin.email, password: server.admin.password });
  orgId = (await verifyApiKey(createJanua({ baseUrl: server.url, env: {} }), { key: server.apiKey }))
    .organizationId as string;
});
afterAll(() => server.close());

const withKey = (apiKey: string) => createJanua({ baseUrl: server.url, env: {}, apiKey, maxRetries: 0 });
const setRateLimits = (enabled: boolean) =>
  fetch(`${server.url}/__dev/rate-limits`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ enabled }),
  });

describe('API keys', () => {
  test('create shows the key once; get, list, update, rotate, delete', async () => {
    const created = await createApiKey(admin, { organizationId: orgId, name: 'ci', scopes: ['Users:Read'] });
    expect(created.key).toMatch(/^sk_live_[0-9a-f]{64}$/);
    expect(created).toMatchObject({
      organizationId: orgId,
      name: 'ci',
      scopes: ['users:read'],
      rateLimitPerMin: 60,
      isActive: true,
      prefix: `${created.key.slice(0, 12)}...`,
      keyPrefix: created.key.slice(0, 12),
      revokedAt: null,
    });
    expect(created.createdAt).toBeInstanceOf(Date);
    const fetched = await getApiKey(admin, { apiKeyId: created.id });
    expect(fetched).not.toHaveProperty('key');
    expect(fetched.id).toBe(created.id);
    const page = await listApiKeys(admin, { organizationId: orgId });
    expect(page.data.map((k) => k.id)).toContain(created.id);
    expect(page.total).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(page)).not.toContain(created.key);

    const updated = await updateApiKey(admin, { apiKeyId: created.id, name: 'ci-2', scopes: ['users:*'] });
    expect(updated).toMatchObject({ name: 'ci-2', scopes: ['users:*'] });

    const rotated = await rotateApiKey(admin, { apiKeyId: created.id });
    expect(rotated.key).not.toBe(created.key);
    expect(rotated.previousPrefix).toBe(created.prefix);
    const anon = createJanua({ baseUrl: server.url, env: {} });
    expect((await verifyApiKey(anon, { key: created.key })).valid).toBe(false);
    expect(await verifyApiKey(anon, { key: rotated.key })).toEqual({
      valid: true,
      organizationId: orgId,
      scopes: ['users:*'],
      keyId: created.id,
    });
    const oldKey = await rejectionOf(request(withKey(created.key), { method: 'GET', path: '/users' }));
    expect(oldKey).toBeInstanceOf(AuthenticationError);
    expect(oldKey.message).toBe('Invalid or revoked API key');

    await deleteApiKey(admin, { apiKeyId: created.id });
    expect(await rejectionOf(getApiKey(admin, { apiKeyId: created.id }))).toBeInstanceOf(NotFoundError);
    expect((await verifyApiKey(anon, { key: rotated.key })).valid).toBe(false);
    const inactive = await listApiKeys(admin, { organizationId: orgId, includeInactive: true });
    expect(inactive.data.map((k) => k.id)).not.toContain(created.id);

    const actions = (await listAuditLogs(admin, { resource: created.id })).data.map((l) => l.action);
    expect(actions).toEqual(['api_key.revoked', 'api_key.rotated', 'api_key.updated', 'api_key.created']);
  });

  test('verifyApiKey reads a bare refusal as nulls and no scopes, never undefined', async () => {
    await addFault(server, {
      method: 'POST',
      path: '/api/v1/api-keys/verify',
      status: 200,
      body: { valid: false },
      times: 1,
    });
    expect(await verifyApiKey(createJanua({ baseUrl: server.url, env: {} }), { key: 'sk_live_x' })).toEqual({
      valid: false,
      organizationId: null,
      scopes: [],
      keyId: null,
    });
  });

  test('bad input fails locally without a request', async () => {
    const before = server.requests().length;
    for (const call of [
      getApiKey(admin, { apiKeyId: 'nope' }),
      createApiKey(admin, { organizationId: 'x', name: 'a' }),
      createApiKey(admin, { organizationId: orgId, name: '' }),
      createApiKey(admin, { organizationId: orgId, name: 'a', scopes: ['bad scope'] }),
      createApiKey(admin, { organizationId: orgId, name: 'a', rateLimitPerMin: 0 }),
      deleteApiKey(admin, { apiKeyId: '123' }),
      rotateApiKey(admin, { apiKeyId: '123' }),
      updateApiKey(admin, { apiKeyId: '123' }),
      verifyApiKey(admin, { key: '' }),
    ]) {
      expect(await rejectionOf(call)).toBeInstanceOf(ValidationError);
    }
    expect(server.requests().length).toBe(before);
  });

  test('a non-member cannot create keys for the organization', async () => {
    const stranger = createJanua({ baseUrl: server.url, env: {} });
    await signUp(stranger, { email: uniqueEmail('stranger'), password: PASSWORD });
    const err = await rejectionOf(createApiKey(stranger, { organizationId: orgId, name: 'x' }));
    expect(err).toBeInstanceOf(AuthorizationError);
    expect(err.status).toBe(403);
    expect(err.message).toBe('Not a member of the specified organization');
  });

  test('the API-key principal: a key without the scope gets AuthorizationError', async () => {
    const { key } = await createApiKey(admin, {
      organizationId: orgId,
      name: 'audit only',
      scopes: ['audit_logs:read'],
    });
    const err = await rejectionOf(request(withKey(key), { method: 'GET', path: '/users' }));
    expect(err).toBeInstanceOf(AuthorizationError);
    expect(err.status).toBe(403);
    expect(err.message).toBe('Permission denied: users:read');
    // The same key may do what its scope allows, and may not manage keys.
    expect((await listAuditLogs(withKey(key), { limit: 5 })).data.length).toBeGreaterThan(0);
    const denied = await rejectionOf(createApiKey(withKey(key), { organizationId: orgId, name: 'escalate' }));
    expect(denied).toBeInstanceOf(AuthorizationError);
    expect(denied.message).toBe('Permission denied: api_keys:create');
    // With users:read it works.
    const reader = await createApiKey(admin, { organizationId: orgId, name: 'reader', scopes: ['users:read'] });
    const users = await request<{ users: unknown[] }>(withKey(reader.key), { method: 'GET', path: '/users' });
    expect(users.users.length).toBeGreaterThan(0);
  });

  test('over its per-key rate limit a key gets RateLimitError with retryAfter', async () => {
    const { key } = await createApiKey(admin, {
      organizationId: orgId,
      name: 'slow',
      scopes: ['users:read'],
      rateLimitPerMin: 2,
    });
    await setRateLimits(true);
    try {
      const janua = withKey(key);
      const first = await requestRaw(janua, { method: 'GET', path: '/users' });
      expect(first.headers['x-ratelimit-limit']).toBe('2');
      expect(first.headers['x-ratelimit-remaining']).toBe('1');
      await first.discard();
      await request(janua, { method: 'GET', path: '/users' });
      const err = await rejectionOf(request(janua, { method: 'GET', path: '/users' }));
      expect(err).toBeInstanceOf(RateLimitError);
      expect(err.status).toBe(429);
      expect(err.retryAfter).toBeGreaterThan(0);
      expect(err.retryAfter).toBeLessThanOrEqual(60);
      expect(server.requests('GET', '/api/v1/users/').filter((r) => r.status === 429)).toHaveLength(1);
      // Other keys keep their own budget.
      await request(withKey(server.apiKey), { method: 'GET', path: '/users' });
    } finally {
      await setRateLimits(false);
    }
  });
});
