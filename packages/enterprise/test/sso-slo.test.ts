import { inflateRawSync } from 'node:zlib';
import { getCurrentUser, signIn, signUp } from '@janua/auth';
import { AuthenticationError, createJanua, type Janua, refreshTokens, request, withTokens } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSsoConfiguration, listAuditLogs } from '../src/index';
import { PASSWORD, rejectionOf, uniqueEmail } from './helpers';

let server: DevServer;
let admin: Janua;
let org: { id: string; slug: string };
beforeAll(async () => {
  server = await startDevServer();
  admin = createJanua({ baseUrl: server.url, env: {} });
  await signIn(admin, { email: server.admin.email, password: server.admin.password });
  const slug = `slo-${Math.random().toString(36).slice(2, 10)}`;
  const created = await request<{ id: string }>(admin, {
    method: 'POST',
    path: '/organizations/',
    body: { name: slug, slug },
  });
  org = { id: created.id, slug };
  const config = await createSsoConfiguration(admin, {
    organizationId: org.id,
    provider: 'saml',
    samlMetadataUrl: `${server.url}/__dev/idp/saml/metadata`,
  });
  expect(config.status).toBe('active');
});
afterAll(() => server.close());

const idp = () => `${server.url}/__dev/idp/saml`;
const slo = () => `${server.url}/api/v1/sso/saml/slo`;
const hiddenValue = (html: string, name: string) =>
  new RegExp(`name="${name}" value="([^"]*)"`)
    .exec(html)?.[1]
    ?.replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

/** A SAML sign-in through the stand-in IdP; returns a client holding the cookies' tokens. */
async function samlSignIn(email: string): Promise<Janua> {
  // A browser: GET /sso/initiate (binding cookie), the IdP's form, the POST to the ACS with the cookie.
  const start = await fetch(
    `${server.url}/api/v1/sso/initiate?organization_slug=${org.slug}&return_url=${encodeURIComponent(`${server.url}/home`)}`,
    { redirect: 'manual' },
  );
  const location = start.headers.get('location') as string;
  const binding = start.headers
    .getSetCookie()
    .map((l) => l.split(';')[0])
    .join('; ');
  const page = await (await fetch(`${location}&login_hint=${encodeURIComponent(email)}&auto=1`)).text();
  const res = await fetch(`${server.url}/api/v1/sso/saml/acs`, {
    method: 'POST',
    body: new URLSearchParams({
      SAMLResponse: hiddenValue(page, 'SAMLResponse') as string,
      RelayState: hiddenValue(page, 'RelayState') ?? '',
    }),
    headers: { cookie: binding },
    redirect: 'manual',
  });
  expect(res.status).toBe(302);
  const cookies: Record<string, string> = {};
  for (const line of res.headers.getSetCookie()) {
    const [name, value] = (line.split(';')[0] as string).split('=');
    cookies[name as string] = value as string;
  }
  return withTokens(createJanua({ baseUrl: server.url, env: {} }), {
    accessToken: cookies.access_token as string,
    refreshToken: cookies.refresh_token as string,
    expiresAt: Date.now() + 60_000,
  });
}

/** The stand-in IdP's logout page: its auto-posting form, with the signed LogoutRequest. */
async function logoutRequest(email: string, extra = ''): Promise<{ SAMLRequest: string; RelayState: string }> {
  const page = await (await fetch(`${idp()}/logout?email=${encodeURIComponent(email)}&RelayState=bye${extra}`)).text();
  expect(page).toContain(`action="${slo()}"`);
  return { SAMLRequest: hiddenValue(page, 'SAMLRequest') as string, RelayState: hiddenValue(page, 'RelayState') ?? '' };
}

const postToSlo = (form: Record<string, string>) =>
  fetch(slo(), { method: 'POST', body: new URLSearchParams(form), redirect: 'manual' });

async function expectRejected(res: Response) {
  expect(res.status).toBe(401);
  const body = (await res.json()) as { error: { message: string } };
  expect(body.error.message).toBe('SSO authentication failed');
}

describe('SAML single logout (IdP-initiated, HTTP-POST binding)', () => {
  test('a signed LogoutRequest revokes every session of the user and answers with a LogoutResponse', async () => {
    const email = uniqueEmail('slo');
    const first = await samlSignIn(email);
    const second = await samlSignIn(email);
    const me = await getCurrentUser(first);
    expect(me.email).toBe(email);

    const form = await logoutRequest(email);
    const res = await postToSlo(form);
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location') as string);
    // saml_slo_url came from the stand-in's metadata; the response uses the HTTP-Redirect binding.
    expect(back.origin + back.pathname).toBe(`${idp()}/slo`);
    expect(back.searchParams.get('RelayState')).toBe('bye');
    const logoutResponse = inflateRawSync(
      Buffer.from(back.searchParams.get('SAMLResponse') as string, 'base64'),
    ).toString();
    const requestId = /\bID="([^"]+)"/.exec(Buffer.from(form.SAMLRequest, 'base64').toString())?.[1];
    expect(logoutResponse).toContain(`InResponseTo="${requestId}"`);
    expect(logoutResponse).toContain('urn:oasis:names:tc:SAML:2.0:status:Success');
    const landing = await fetch(back);
    expect(await landing.text()).toContain('Signed out');

    for (const client of [first, second]) {
      const err = await rejectionOf(getCurrentUser(client));
      expect(err).toBeInstanceOf(AuthenticationError);
      expect(err.status).toBe(401);
    }
    expect(await rejectionOf(refreshTokens(second))).toBeInstanceOf(AuthenticationError);
    const revoked = await listAuditLogs(admin, { actor: me.id, action: 'session.revoked' });
    expect(revoked.data.map((a) => a.details?.reason)).toEqual(['sso_logout', 'sso_logout']);

    // The same LogoutRequest a second time is a replay.
    await expectRejected(await postToSlo(form));

    // Signing in again works: SLO ended sessions, not the account.
    expect((await getCurrentUser(await samlSignIn(email))).id).toBe(me.id);
  });

  test('unsigned, wrongly signed and stale LogoutRequests are rejected with 401 and revoke nothing', async () => {
    const email = uniqueEmail('keep');
    const client = await samlSignIn(email);
    await expectRejected(await postToSlo(await logoutRequest(email, '&fault=unsigned')));
    await expectRejected(await postToSlo(await logoutRequest(email, '&fault=bad_signature')));
    await expectRejected(await postToSlo(await logoutRequest(email, '&fault=expired')));
    await expectRejected(await postToSlo({ SAMLRequest: Buffer.from('<nope/>').toString('base64') }));
    await expectRejected(await postToSlo({}));

    // A genuine request is stale once five minutes have passed on the dev clock.
    const stale = await logoutRequest(email);
    server.advanceClock(6 * 60_000);
    try {
      await expectRejected(await postToSlo(stale));
    } finally {
      server.advanceClock(-6 * 60_000);
    }
    expect((await getCurrentUser(client)).email).toBe(email);
    const failures = await listAuditLogs(admin, { action: 'sso.logout_failed', limit: 100 });
    expect(failures.data.map((f) => f.details?.reason)).toEqual(
      expect.arrayContaining([
        'Invalid signature on documentElement',
        'LogoutRequest expired',
        'not a LogoutRequest',
        'missing SAMLRequest',
      ]),
    );
    expect(failures.data.filter((f) => f.details?.reason === 'Invalid signature on documentElement').length).toBe(2);
  });

  test('the IdP cannot sign out someone who is not a member of its organization', async () => {
    const outsider = createJanua({ baseUrl: server.url, env: {} });
    const email = uniqueEmail('outsider');
    await signUp(outsider, { email, password: PASSWORD });
    const res = await postToSlo(await logoutRequest(email));
    expect(res.status).toBe(302);
    const logoutResponse = inflateRawSync(
      Buffer.from(new URL(res.headers.get('location') as string).searchParams.get('SAMLResponse') as string, 'base64'),
    ).toString();
    expect(logoutResponse).not.toContain('status:Success');
    expect(logoutResponse).toContain('status:UnknownPrincipal');
    expect((await getCurrentUser(outsider)).email).toBe(email);
  });

  test('Destination is required and must be this endpoint; nothing may stand beside the signed root', async () => {
    const email = uniqueEmail('dest');
    const client = await samlSignIn(email);
    await expectRejected(await postToSlo(await logoutRequest(email, '&fault=wrong_destination')));

    // A stale request, with a comment in front of its signed root carrying fresh-looking attributes
    // (what regex readers used to pick up): refused, like the plain stale one.
    const stale = await logoutRequest(email, '&fault=expired');
    const signed = Buffer.from(stale.SAMLRequest, 'base64').toString('utf8');
    const decoy = `<!--<samlp:LogoutRequest ID="_decoy" IssueInstant="${new Date().toISOString()}" Destination="${slo()}" NotOnOrAfter="2999-01-01T00:00:00Z">-->`;
    await expectRejected(await postToSlo({ SAMLRequest: Buffer.from(decoy + signed).toString('base64') }));
    // The same decoy in front of a request for another SP.
    const elsewhere = Buffer.from((await logoutRequest(email, '&fault=wrong_destination')).SAMLRequest, 'base64');
    await expectRejected(
      await postToSlo({ SAMLRequest: Buffer.from(decoy + elsewhere.toString('utf8')).toString('base64') }),
    );
    // Even a genuine, fresh request is refused with a comment or processing instruction outside its root.
    const fresh = Buffer.from((await logoutRequest(email)).SAMLRequest, 'base64').toString('utf8');
    await expectRejected(await postToSlo({ SAMLRequest: Buffer.from(`${fresh}<!-- trailing -->`).toString('base64') }));
    await expectRejected(await postToSlo({ SAMLRequest: Buffer.from(`<?pi x?>${fresh}`).toString('base64') }));

    expect((await getCurrentUser(client)).email).toBe(email);
    const failures = await listAuditLogs(admin, { action: 'sso.logout_failed', limit: 100 });
    expect(failures.data.map((f) => f.details?.reason)).toEqual(
      expect.arrayContaining(['LogoutRequest destination mismatch', 'not a LogoutRequest']),
    );
  });

  test('whitespace around the root (a line break after the XML declaration) is ordinary IdP output', async () => {
    const email = uniqueEmail('nl');
    for (const reshape of [
      (xml: string) =>
        xml.startsWith('<?xml') ? xml.replace('?>', '?>\n') : `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`,
      (xml: string) => `\n  ${xml}\n`,
    ]) {
      const client = await samlSignIn(email);
      const form = await logoutRequest(email);
      const xml = reshape(Buffer.from(form.SAMLRequest, 'base64').toString('utf8'));
      const res = await postToSlo({ ...form, SAMLRequest: Buffer.from(xml).toString('base64') });
      expect(res.status).toBe(302);
      expect(await rejectionOf(getCurrentUser(client))).toBeInstanceOf(AuthenticationError);
    }
  });

  test("the NameID is resolved through the configuration's SSO link, not by the account's current email", async () => {
    const email = uniqueEmail('renamed');
    const client = await samlSignIn(email);
    const me = await getCurrentUser(client);
    // The account's email changes in Janua; the IdP still names the person by the old NameID.
    await request(admin, {
      method: 'POST',
      path: `/users/${me.id}/email`,
      body: { email: uniqueEmail('new-address'), require_verification: false },
    });
    expect((await getCurrentUser(client)).id).toBe(me.id);
    const res = await postToSlo(await logoutRequest(email));
    expect(res.status).toBe(302);
    expect(await rejectionOf(getCurrentUser(client))).toBeInstanceOf(AuthenticationError);
  });

  test("SLO ends only this configuration's SSO sessions: the user's password session survives", async () => {
    const email = uniqueEmail('both');
    // Provisioned by the organization's SCIM with a password, so its IdP may link the account.
    await request(admin, { method: 'POST', path: `/organizations/${org.id}/scim/config`, body: { enabled: true } });
    const { bearer_token } = await request<{ bearer_token: string }>(admin, {
      method: 'POST',
      path: `/organizations/${org.id}/scim/config/token`,
    });
    const provisioned = await fetch(`${server.url}/api/v1/scim/v2/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer_token}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: email,
        emails: [{ value: email, primary: true }],
        password: PASSWORD,
      }),
    });
    expect(provisioned.status).toBe(201);
    const withPassword = createJanua({ baseUrl: server.url, env: {} });
    await signIn(withPassword, { email, password: PASSWORD });
    const me = await getCurrentUser(withPassword);
    const viaSso = await samlSignIn(email);
    expect((await getCurrentUser(viaSso)).id).toBe(me.id);

    const res = await postToSlo(await logoutRequest(email));
    expect(res.status).toBe(302);
    expect(await rejectionOf(getCurrentUser(viaSso))).toBeInstanceOf(AuthenticationError);
    expect((await getCurrentUser(withPassword)).id).toBe(me.id);
    const again = await signIn(createJanua({ baseUrl: server.url, env: {} }), { email, password: PASSWORD });
    expect(again).toBeTruthy();
  });
});
