import { createJanua, disableDebug, enableDebug, request, setTokens, toStoredTokens } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { PASSWORD, uniqueEmail } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer();
});
afterAll(() => server.close());

test('debug lines show method, path, status, duration and attempt, and no secret', async () => {
  const lines: string[] = [];
  const janua = createJanua({
    baseUrl: server.url,
    apiKey: server.apiKey,
    env: {},
    logger: { debug: (m) => lines.push(m), warn: (m) => lines.push(m) },
  });
  const email = uniqueEmail();
  const res = await request<{ tokens: Parameters<typeof toStoredTokens>[0] }>(janua, {
    method: 'POST',
    path: '/auth/signup',
    auth: 'none',
    body: { email, password: PASSWORD },
  });
  expect(lines).toHaveLength(0); // off by default
  enableDebug(janua);
  await setTokens(janua, toStoredTokens(res.tokens));
  await request(janua, { method: 'POST', path: '/auth/signin', auth: 'none', body: { email, password: PASSWORD } });
  await request(janua, { method: 'GET', path: '/auth/me' });
  // Sensitive values in a query string (contract §1.3 puts some passwords there) are redacted.
  await request(janua, {
    method: 'GET',
    path: '/health',
    root: true,
    auth: 'none',
    query: {
      password: PASSWORD,
      code: '123456',
      state: 'oauth-state-5e1',
      token: 'tok-secret',
      challenge: 'webauthn-challenge-9d2',
      search: 'ada@example.test',
      organization_id: 'org-42',
      page: 2,
    },
  });
  // The one contract path that carries a secret: an invitation token (§4.5).
  const invitationToken = 'inv-tok-7f3a9c';
  await request(janua, { method: 'GET', path: `/invitations/validate/${invitationToken}`, auth: 'none' }).catch(
    () => undefined,
  );
  expect(lines.length).toBe(4);
  expect(lines[3]).toMatch(/^\[janua\] GET \/api\/v1\/invitations\/validate\/\[REDACTED\] 404 /);
  expect(lines[0]).toMatch(/^\[janua\] POST \/api\/v1\/auth\/signin 200 \d+ms attempt=1 id=[0-9a-f-]{36}$/);
  // Query keys show, values never do.
  expect(lines[2]).toMatch(/ \/health\?password&code&state&token&challenge&search&organization_id&page 200 /);
  const all = lines.join('\n');
  for (const secret of [
    PASSWORD,
    server.apiKey,
    res.tokens.access_token,
    res.tokens.refresh_token,
    '123456',
    'tok-secret',
    'oauth-state-5e1',
    'webauthn-challenge-9d2',
    'ada@example.test',
    invitationToken,
    email,
  ]) {
    expect(all).not.toContain(secret);
  }
  disableDebug(janua);
  await request(janua, { method: 'GET', path: '/auth/me' });
  expect(lines.length).toBe(4);
});
