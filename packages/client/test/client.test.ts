import { inspect } from 'node:util';
import { AuthenticationError, getTokens } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createJanuaClient } from '../src/index';
import { PASSWORD, rejectionOf, uniqueEmail } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer();
});
afterAll(() => server.close());

test('the bound client drives every domain against the dev server', async () => {
  const client = createJanuaClient({ baseUrl: server.url, env: {} });
  expect((await client.healthCheck()).status).toBe('healthy');
  expect(await client.getApiVersion()).toBe('0.1.0');
  const email = uniqueEmail();
  const events: string[] = [];
  client.auth.onAuthStateChange((e) => events.push(e));
  const signedUp = await client.auth.signUp({ email, password: PASSWORD, firstName: 'Ada' });
  expect(signedUp.status).toBe('signedIn');
  expect((await client.auth.getCurrentUser()).email).toBe(email);
  const updated = await client.users.updateCurrent({ displayName: 'Ada L.' });
  expect(updated.displayName).toBe('Ada L.');
  expect((await client.users.update({ userId: signedUp.user.id, bio: 'x' })).bio).toBe('x');
  expect(await client.sessions.list()).toHaveLength(1);
  const lines: string[] = [];
  const debugged = createJanuaClient({
    baseUrl: server.url,
    env: {},
    logger: { debug: (m) => lines.push(m), warn() {} },
  });
  debugged.enableDebug();
  await debugged.healthCheck();
  debugged.disableDebug();
  await debugged.healthCheck();
  expect(lines).toHaveLength(1);
  await client.auth.signOut();
  expect(await getTokens(client.janua)).toBeNull();
  expect(events).toEqual(['SIGNED_IN', 'SIGNED_OUT']);
  expect(await rejectionOf(client.auth.getCurrentUser())).toBeInstanceOf(AuthenticationError);
});

test('withTokens gives a per-user client that shares the pool', async () => {
  const base = createJanuaClient({ baseUrl: server.url, env: {} });
  const other = createJanuaClient({ baseUrl: server.url, env: {} });
  const email = uniqueEmail();
  await other.auth.signUp({ email, password: PASSWORD });
  const scoped = base.withTokens(await getTokens(other.janua));
  expect((await scoped.auth.getCurrentUser()).email).toBe(email);
  expect(await getTokens(base.janua)).toBeNull();
  expect(scoped.janua._internal.transport).toBe(base.janua._internal.transport);
});

test('organizations, MFA, webhooks, passkeys and enterprise are bound too', async () => {
  const { TOTP } = await import('otpauth');
  const client = createJanuaClient({ baseUrl: server.url, env: {} });
  const email = uniqueEmail();
  await client.auth.signUp({ email, password: PASSWORD });
  const org = await client.organizations.create({ name: 'Acme', slug: `acme-${Date.now()}` });
  expect((await client.organizations.get({ organizationId: org.id })).name).toBe('Acme');
  expect((await client.organizations.listMembers({ organizationId: org.id })).data).toHaveLength(1);
  const setup = await client.mfa.setupTotp({ password: PASSWORD });
  const code = new TOTP({ secret: setup.secret }).generate();
  await client.mfa.verifyTotp({ code });
  expect((await client.mfa.getStatus()).enabled).toBe(true);
  expect((await client.webhooks.listEventTypes()).length).toBe(26);
  expect(await client.passkeys.list()).toMatchObject({ data: [] });
  const key = await client.enterprise.apiKeys.create({ organizationId: org.id, name: 'ci', scopes: ['users:read'] });
  expect(key.key).toMatch(/^sk_live_/);
  const scim = await client.enterprise.scim.createConfig({ organizationId: org.id, provider: 'okta' });
  expect((await client.enterprise.scim.getConfig({ organizationId: org.id })).id).toBe(scim.id);
  const logs = await client.enterprise.auditLogs.list({ limit: 5 });
  expect(logs.data.length).toBeGreaterThan(0);
});

test('logging or serialising the client never prints its API key', async () => {
  const client = createJanuaClient({ baseUrl: server.url, apiKey: server.apiKey, env: {} });
  expect(await client.getApiVersion()).toBe('0.1.0');
  expect(inspect(client, { depth: 10 })).not.toContain(server.apiKey);
  expect(JSON.stringify(client)).not.toContain(server.apiKey);
});

test('every function export of every domain package is bound', async () => {
  const { BOUND_TABLES } = await import('../src/create-janua-client');
  const bound = new Set<unknown>(Object.values(BOUND_TABLES).flatMap((table) => Object.values(table)));
  const modules = {
    auth: await import('@janua/auth'),
    users: await import('@janua/users'),
    sessions: await import('@janua/sessions'),
    orgs: await import('@janua/orgs'),
    mfa: await import('@janua/mfa'),
    passkeys: await import('@janua/passkeys'),
    webhooks: await import('@janua/webhooks'),
    enterprise: await import('@janua/enterprise'),
  };
  // Not `(janua, …)` functions: they verify a payload locally and need no instance.
  const unbindable = new Set(['constructWebhookEvent', 'verifyWebhookSignature']);
  const missing = Object.entries(modules).flatMap(([pkg, mod]) =>
    Object.entries(mod as Record<string, unknown>)
      .filter(([name, value]) => typeof value === 'function' && !/^[A-Z]/.test(name) && !unbindable.has(name))
      .filter(([, fn]) => !bound.has(fn))
      .map(([name]) => `${pkg}.${name}`),
  );
  expect(missing).toEqual([]);
});

test('the functions added with the newer routes are bound and run', async () => {
  const client = createJanuaClient({ baseUrl: server.url, env: {} });
  expect((await client.getApiStatus()).features.signups).toBe(true);
  const email = uniqueEmail();
  await client.auth.signUp({ email, password: PASSWORD });
  expect((await client.auth.getAuthSession()).user.email).toBe(email);
  expect(await client.sessions.listActivity({ limit: 1 })).toHaveLength(1);
  expect(await client.sessions.listSecurityAlerts()).toEqual([]);
  const consent = await client.users.grantConsent({ clientId: 'acme', scopes: ['openid'] });
  expect((await client.users.listConsents()).data.map((c) => c.id)).toEqual([consent.id]);
  await client.users.revokeConsent({ consentId: consent.id });
  const org = await client.organizations.create({ name: 'Acme', slug: `acme-${Date.now()}` });
  const invite = await client.organizations.createInvite({ organizationId: org.id, email: uniqueEmail() });
  expect((await client.organizations.updateInvite({ invitationId: invite.id, role: 'viewer' })).role).toBe('viewer');
  expect((await client.organizations.cleanupExpiredInvites({ organizationId: org.id })).count).toBe(0);
  const admin = createJanuaClient({ baseUrl: server.url, env: {} });
  await admin.auth.signIn({ email: server.admin.email, password: server.admin.password });
  expect((await admin.enterprise.auditLogs.cleanup({ olderThanDays: 365 })).deletedCount).toBe(0);
});
