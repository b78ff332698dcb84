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
