import { signUp } from '@janua/auth';
import { AuthenticationError, createJanua, type Janua, NotFoundError, ValidationError } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { grantConsent, listConsents, revokeConsent } from '../src/index';
import { PASSWORD, rejectionOf, uniqueEmail } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer();
});
afterAll(() => server.close());

const DAY = 86_400_000;
const CONSENTS = '/api/v1/users/me/consents';

async function signedIn(): Promise<{ janua: Janua; id: string }> {
  const janua = createJanua({ baseUrl: server.url, env: {} });
  const { user } = await signUp(janua, { email: uniqueEmail('consent'), password: PASSWORD });
  return { janua, id: user.id };
}

describe('consents', () => {
  test('grant, list, grant again (scopes merge), revoke', async () => {
    const { janua, id } = await signedIn();
    expect(await listConsents(janua)).toEqual({ data: [], total: 0, hasMore: false });

    const crm = await grantConsent(janua, { clientId: 'acme-crm', scopes: ['openid', 'email'] });
    expect(crm).toMatchObject({ userId: id, clientId: 'acme-crm', scopes: ['openid', 'email'], expiresAt: null });
    expect(crm.grantedAt).toBeInstanceOf(Date);
    expect(server.requests('POST', CONSENTS).at(-1)?.status).toBe(200);
    const until = new Date(Date.now() + 30 * DAY);
    const wiki = await grantConsent(janua, { clientId: 'wiki', expiresAt: until });
    expect(wiki).toMatchObject({ clientId: 'wiki', scopes: [] });
    expect(wiki.expiresAt?.getTime()).toBe(until.getTime());

    const listed = await listConsents(janua);
    expect(listed).toMatchObject({ total: 2, hasMore: false });
    expect(listed.data.map((c) => c.id)).toEqual([wiki.id, crm.id]);

    // One live consent per client: more scopes join it.
    const again = await grantConsent(janua, { clientId: 'acme-crm', scopes: ['email', 'profile'] });
    expect(again.id).toBe(crm.id);
    expect(again.scopes).toEqual(['openid', 'email', 'profile']);
    expect((await listConsents(janua)).total).toBe(2);

    await revokeConsent(janua, { consentId: crm.id });
    expect((await listConsents(janua)).data.map((c) => c.clientId)).toEqual(['wiki']);
    const twice = await rejectionOf(revokeConsent(janua, { consentId: crm.id }));
    expect(twice).toBeInstanceOf(NotFoundError);
    expect(twice.message).toBe('Consent not found');
    // After a revoke, granting starts a new consent.
    const fresh = await grantConsent(janua, { clientId: 'acme-crm' });
    expect(fresh.id).not.toBe(crm.id);
    expect(fresh.scopes).toEqual([]);
  });

  test('expired consents drop out of the list (server clock); an expiry in the past is refused', async () => {
    const { janua } = await signedIn();
    await grantConsent(janua, { clientId: 'short', expiresAt: new Date(Date.now() + DAY) });
    await grantConsent(janua, { clientId: 'long' });
    server.advanceClock(2 * DAY);
    try {
      // The access token had expired on the server's clock; the SDK refreshed it on the way.
      expect((await listConsents(janua)).data.map((c) => c.clientId)).toEqual(['long']);
    } finally {
      server.advanceClock(-2 * DAY);
    }
    const past = await rejectionOf(grantConsent(janua, { clientId: 'late', expiresAt: new Date(Date.now() - DAY) }));
    expect(past).toMatchObject({ name: 'ValidationError', status: 400, message: 'expires_at must be in the future' });
  });

  test("someone else's consent is not found; not signed in is refused", async () => {
    const a = await signedIn();
    const b = await signedIn();
    const consent = await grantConsent(a.janua, { clientId: 'acme' });
    expect(await rejectionOf(revokeConsent(b.janua, { consentId: consent.id }))).toBeInstanceOf(NotFoundError);
    expect((await listConsents(b.janua)).data).toEqual([]);
    expect((await listConsents(a.janua)).total).toBe(1);
    const anonymous = createJanua({ baseUrl: server.url, env: {} });
    expect(await rejectionOf(listConsents(anonymous))).toBeInstanceOf(AuthenticationError);
  });

  test('bad input fails locally, naming the field, without a request', async () => {
    const { janua } = await signedIn();
    const before = server.requests().length;
    const cases: [() => Promise<unknown>, string][] = [
      [() => grantConsent(janua, { clientId: '' }), 'clientId'],
      [() => grantConsent(janua, { clientId: 'x'.repeat(256) }), 'clientId'],
      [() => grantConsent(janua, { clientId: 'a', scopes: 'openid' as never }), 'scopes'],
      [() => grantConsent(janua, { clientId: 'a', scopes: [''] }), 'scopes'],
      [() => grantConsent(janua, { clientId: 'a', scopes: Array.from({ length: 101 }, (_, i) => `s${i}`) }), 'scopes'],
      [() => grantConsent(janua, { clientId: 'a', expiresAt: new Date('never') }), 'expiresAt'],
      [() => revokeConsent(janua, { consentId: 'abc' }), 'consentId'],
    ];
    for (const [call, field] of cases) {
      const err = await rejectionOf(call());
      expect(err).toBeInstanceOf(ValidationError);
      expect(err.fieldErrors[0].field).toBe(field);
    }
    expect(server.requests().length).toBe(before);
  });
});
