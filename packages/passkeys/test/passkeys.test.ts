import { getCurrentUser } from '@janua/auth';
import {
  AuthenticationError,
  AuthorizationError,
  createJanua,
  getTokens,
  type Janua,
  NotFoundError,
  onAuthStateChange,
  refreshTokens,
  ValidationError,
} from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  beginAuthentication,
  beginRegistration,
  completeAuthentication,
  completeRegistration,
  deletePasskey,
  getPasskeyAvailability,
  iteratePasskeys,
  listPasskeys,
  renamePasskey,
} from '../src/index';
import { SoftAuthenticator } from './authenticator';
import { newUser, PASSWORD, rejectionOf, uniqueEmail } from './helpers';

let server: DevServer;
const events: { type: string; payload: Record<string, unknown> }[] = [];
beforeAll(async () => {
  server = await startDevServer();
  server.dev.events.on((type, payload) => events.push({ type, payload }));
});
afterAll(() => server.close());

const anonymous = () => createJanua({ baseUrl: server.url, env: {} });
const VERIFY = '/api/v1/passkeys/authenticate/verify';

/** Signs up, registers one passkey on a software authenticator, and returns both. */
async function withPasskey(name?: string) {
  const user = await newUser(server);
  const authenticator = new SoftAuthenticator();
  const { challengeId, options } = await beginRegistration(user.janua);
  const { passkeyId } = await completeRegistration(user.janua, {
    challengeId,
    credential: authenticator.register(options),
    name,
  });
  return { ...user, authenticator, passkeyId };
}

async function passkeySignIn(authenticator: SoftAuthenticator, email?: string, janua: Janua = anonymous()) {
  const { challengeId, options } = await beginAuthentication(janua, { email });
  return completeAuthentication(janua, { challengeId, credential: authenticator.assert(options) });
}

describe('registration', () => {
  test('options follow the contract and a real attestation registers a passkey', async () => {
    const { janua, id, email } = await newUser(server);
    const { challengeId, options } = await beginRegistration(janua);
    expect(challengeId).toBe(options.challenge);
    expect(options.rp).toEqual({ id: 'localhost', name: 'Janua' });
    expect(options.user).toEqual({
      id: Buffer.from(id, 'utf8').toString('base64url'),
      name: email,
      displayName: 'Ada Lovelace',
    });
    expect(options.pubKeyCredParams).toEqual([
      { type: 'public-key', alg: -7 },
      { type: 'public-key', alg: -257 },
    ]);
    expect(options.timeout).toBe(60_000);
    expect(options.attestation).toBe('none');
    expect(options.excludeCredentials).toEqual([]);
    // No attachment unless asked for (upstream's `cross-platform` default is a defect, §6.3).
    expect(options.authenticatorSelection).toEqual({
      requireResidentKey: false,
      residentKey: 'preferred',
      userVerification: 'preferred',
    });

    const authenticator = new SoftAuthenticator();
    const before = events.length;
    const { passkeyId } = await completeRegistration(janua, {
      challengeId,
      credential: authenticator.register(options),
      name: 'Laptop',
    });
    const { data, total, hasMore } = await listPasskeys(janua);
    expect(total).toBe(1);
    expect(hasMore).toBe(false);
    expect(data[0]).toMatchObject({
      id: passkeyId,
      name: 'Laptop',
      authenticatorAttachment: 'platform',
      lastUsedAt: null,
      signCount: 0,
    });
    expect(data[0]?.createdAt).toBeInstanceOf(Date);
    const registered = events.slice(before).filter((e) => e.type === 'security.passkey.registered');
    expect(registered.map((e) => [e.payload.user_id, e.payload.passkey_id])).toEqual([[id, passkeyId]]);
  });

  test('an authenticator attachment is passed on when requested', async () => {
    const { janua } = await newUser(server);
    const { options } = await beginRegistration(janua, { authenticatorAttachment: 'cross-platform' });
    expect(options.authenticatorSelection?.authenticatorAttachment).toBe('cross-platform');
    const err = await rejectionOf(beginRegistration(janua, { authenticatorAttachment: 'usb' as never }));
    expect(err).toBeInstanceOf(ValidationError);
  });

  test('existing passkeys are excluded, and a credential id is never registered twice', async () => {
    const { janua, authenticator } = await withPasskey();
    const again = await beginRegistration(janua);
    expect(again.options.excludeCredentials).toEqual([
      { id: authenticator.id, type: 'public-key', transports: ['internal'] },
    ]);
    const dup = await rejectionOf(
      completeRegistration(janua, {
        challengeId: again.challengeId,
        credential: authenticator.register(again.options),
      }),
    );
    expect(dup).toBeInstanceOf(ValidationError);
    expect(dup.status).toBe(400);
    expect(dup.message).toBe('This passkey is already registered');

    // The same credential id under another account is refused too.
    const other = await newUser(server);
    const begun = await beginRegistration(other.janua);
    const err = await rejectionOf(
      completeRegistration(other.janua, {
        challengeId: begun.challengeId,
        credential: authenticator.register(begun.options),
      }),
    );
    expect(err.message).toBe('This passkey is already registered');
    expect((await listPasskeys(other.janua)).total).toBe(0);
  });

  test('the challenge is single use, per user, and expires after 5 minutes', async () => {
    const { janua } = await newUser(server);
    const authenticator = new SoftAuthenticator();
    const first = await beginRegistration(janua);
    const credential = authenticator.register(first.options);
    await completeRegistration(janua, { challengeId: first.challengeId, credential });
    const replay = await rejectionOf(completeRegistration(janua, { challengeId: first.challengeId, credential }));
    expect(replay.status).toBe(400);
    expect(replay.message).toBe('No registration in progress');

    // Another user cannot answer this user's challenge: the server keys challenges by user.
    const begun = await beginRegistration(janua);
    const mallory = await newUser(server, 'mallory');
    const stolen = await rejectionOf(
      completeRegistration(mallory.janua, {
        challengeId: begun.challengeId,
        credential: new SoftAuthenticator().register(begun.options),
      }),
    );
    expect(stolen.message).toBe('No registration in progress');

    const late = await beginRegistration(janua);
    server.advanceClock(5 * 60_000 + 1_000);
    try {
      const expired = await rejectionOf(
        completeRegistration(janua, {
          challengeId: late.challengeId,
          credential: new SoftAuthenticator().register(late.options),
        }),
      );
      expect(expired.message).toBe('No registration in progress');
    } finally {
      server.advanceClock(-(5 * 60_000 + 1_000));
    }
  });

  test('wrong origin and wrong rpId fail verification', async () => {
    const { janua } = await newUser(server);
    const a = await beginRegistration(janua);
    const origin = await rejectionOf(
      completeRegistration(janua, {
        challengeId: a.challengeId,
        credential: new SoftAuthenticator().register(a.options, { origin: 'https://evil.example' }),
      }),
    );
    expect(origin).toBeInstanceOf(ValidationError);
    expect(origin.message).toBe('Registration verification failed: unexpected origin "https://evil.example"');
    const b = await beginRegistration(janua);
    const rp = await rejectionOf(
      completeRegistration(janua, {
        challengeId: b.challengeId,
        credential: new SoftAuthenticator().register(b.options, { rpId: 'evil.example' }),
      }),
    );
    expect(rp.message).toMatch(/^Registration verification failed: .*RP ID/i);
    expect((await listPasskeys(janua)).total).toBe(0);
  });

  test('bad input is rejected locally, without a request', async () => {
    const { janua } = await newUser(server);
    const { challengeId, options } = await beginRegistration(janua);
    const credential = new SoftAuthenticator().register(options);
    const before = server.requests('POST', '/api/v1/passkeys/register/verify').length;
    const cases = [
      completeRegistration(janua, { challengeId: '', credential }),
      completeRegistration(janua, { challengeId: 'another-challenge', credential }),
      completeRegistration(janua, { challengeId, credential, name: 'x'.repeat(101) }),
      completeRegistration(janua, { challengeId, credential: { ...credential, response: {} } as never }),
      completeRegistration(janua, {
        challengeId,
        credential: { ...credential, response: { ...credential.response, clientDataJSON: 'bm90LWpzb24' } },
      }),
    ];
    for (const c of cases) expect(await rejectionOf(c)).toBeInstanceOf(ValidationError);
    expect(server.requests('POST', '/api/v1/passkeys/register/verify').length).toBe(before);
  });

  test('registration needs a signed-in user', async () => {
    const err = await rejectionOf(beginRegistration(anonymous()));
    expect(err).toBeInstanceOf(AuthenticationError);
  });
});

describe('authentication', () => {
  test('a passkey signs in: tokens stored, session refreshable, counter and lastUsedAt updated', async () => {
    const { email, id, authenticator, janua: owner } = await withPasskey('Phone');
    const janua = anonymous();
    const seen: string[] = [];
    onAuthStateChange(janua, (e) => seen.push(e));
    const { challengeId, options } = await beginAuthentication(janua, { email });
    expect(options).toMatchObject({ rpId: 'localhost', timeout: 60_000, userVerification: 'preferred' });
    expect(options.allowCredentials).toEqual([{ id: authenticator.id, type: 'public-key', transports: ['internal'] }]);
    expect(options).not.toHaveProperty('sessionId');
    expect(challengeId).toMatch(/^[0-9a-f-]{36}$/);

    const before = events.length;
    const result = await completeAuthentication(janua, { challengeId, credential: authenticator.assert(options) });
    expect(result.status).toBe('signedIn');
    expect(result.user).toEqual({ id, email, firstName: 'Ada', lastName: 'Lovelace' });
    expect(result.session?.expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(await getTokens(janua)).toEqual(result.tokens);
    expect(seen).toEqual(['SIGNED_IN']);
    expect((await getCurrentUser(janua)).email).toBe(email);
    expect(events.slice(before).map((e) => e.type)).toContain('session.created');

    // A normal session: the refresh token rotates.
    const refreshed = await refreshTokens(janua);
    expect(refreshed.refreshToken).not.toBe(result.tokens.refreshToken);
    expect((await getCurrentUser(janua)).id).toBe(id);

    const [passkey] = (await listPasskeys(owner)).data;
    expect(passkey?.signCount).toBe(1);
    expect(passkey?.lastUsedAt).toBeInstanceOf(Date);
  });

  test('without an email (or with an unknown one) any discoverable passkey may answer', async () => {
    const { authenticator, email } = await withPasskey();
    const janua = anonymous();
    const open = await beginAuthentication(janua);
    expect(open.options.allowCredentials).toEqual([]);
    const unknown = await beginAuthentication(janua, { email: uniqueEmail('nobody') });
    expect(unknown.options.allowCredentials).toEqual([]);
    const result = await completeAuthentication(janua, {
      challengeId: open.challengeId,
      credential: authenticator.assert(open.options),
    });
    expect(result.user.email).toBe(email);
  });

  test('a replayed challenge is rejected: the first verification consumes it', async () => {
    const { authenticator } = await withPasskey();
    const janua = anonymous();
    const { challengeId, options } = await beginAuthentication(janua);
    const credential = authenticator.assert(options);
    await completeAuthentication(janua, { challengeId, credential });
    const replay = await rejectionOf(completeAuthentication(anonymous(), { challengeId, credential }));
    expect(replay).toBeInstanceOf(ValidationError);
    expect(replay.status).toBe(400);
    expect(replay.message).toBe('Authentication challenge expired or not found');

    // An old assertion presented against a fresh challenge: the echoed challenge does not match.
    const fresh = await beginAuthentication(janua);
    const mixed = await rejectionOf(completeAuthentication(janua, { challengeId: fresh.challengeId, credential }));
    expect(mixed.message).toBe('Authentication challenge expired or not found');
  });

  test('a tampered signature is rejected, and the challenge is spent anyway', async () => {
    const { authenticator, id } = await withPasskey();
    const janua = anonymous();
    const { challengeId, options } = await beginAuthentication(janua);
    const before = events.length;
    const err = await rejectionOf(
      completeAuthentication(janua, {
        challengeId,
        credential: authenticator.assert(options, { tamperSignature: true }),
      }),
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.message).toBe('Authentication verification failed: signature is invalid');
    expect(await getTokens(janua)).toBeNull();
    const failed = events.slice(before).filter((e) => e.type === 'auth.signin_failed');
    expect(failed.map((e) => (e.payload.user as { id: string }).id)).toEqual([id]);
    const retry = await rejectionOf(
      completeAuthentication(janua, { challengeId, credential: authenticator.assert(options) }),
    );
    expect(retry.message).toBe('Authentication challenge expired or not found');
  });

  test('a sign counter that does not increase is rejected (cloned authenticator)', async () => {
    const { authenticator } = await withPasskey();
    await passkeySignIn(authenticator); // counter 1
    await passkeySignIn(authenticator); // counter 2
    const janua = anonymous();
    const { challengeId, options } = await beginAuthentication(janua);
    const err = await rejectionOf(
      completeAuthentication(janua, { challengeId, credential: authenticator.assert(options, { counter: 2 }) }),
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.message).toMatch(/^Authentication verification failed: .*counter/i);
  });

  test('origin, rpId and expiry are enforced', async () => {
    const { authenticator } = await withPasskey();
    const janua = anonymous();
    const a = await beginAuthentication(janua);
    const origin = await rejectionOf(
      completeAuthentication(janua, {
        challengeId: a.challengeId,
        credential: authenticator.assert(a.options, { origin: 'http://evil.example:3000' }),
      }),
    );
    expect(origin.message).toBe('Authentication verification failed: unexpected origin "http://evil.example:3000"');
    const b = await beginAuthentication(janua);
    const rp = await rejectionOf(
      completeAuthentication(janua, {
        challengeId: b.challengeId,
        credential: authenticator.assert(b.options, { rpId: 'evil.example' }),
      }),
    );
    expect(rp.message).toMatch(/^Authentication verification failed: .*RP ID/i);
    const c = await beginAuthentication(janua);
    server.advanceClock(10 * 60_000 + 1_000);
    try {
      const expired = await rejectionOf(
        completeAuthentication(janua, { challengeId: c.challengeId, credential: authenticator.assert(c.options) }),
      );
      expect(expired.message).toBe('Authentication challenge expired or not found');
    } finally {
      server.advanceClock(-(10 * 60_000 + 1_000));
    }
    // 127.0.0.1 origins are allowed too (§7.1); only the rpId must match.
    const d = await beginAuthentication(janua);
    const ok = await completeAuthentication(janua, {
      challengeId: d.challengeId,
      credential: authenticator.assert(d.options, { origin: 'http://127.0.0.1:8080' }),
    });
    expect(ok.status).toBe('signedIn');
  });

  test("a challenge issued for one account cannot be answered with another account's passkey", async () => {
    const alice = await withPasskey();
    const bob = await withPasskey();
    const janua = anonymous();
    const { challengeId, options } = await beginAuthentication(janua, { email: alice.email });
    const err = await rejectionOf(
      completeAuthentication(janua, { challengeId, credential: bob.authenticator.assert(options) }),
    );
    expect(err.message).toBe('Authentication verification failed: credential is not allowed for this challenge');
  });

  test('a discoverable credential must name its own account in userHandle', async () => {
    const { authenticator, id, email } = await withPasskey();
    const janua = anonymous();
    const handle = (userId: string) => Buffer.from(userId, 'utf8').toString('base64url');
    const a = await beginAuthentication(janua);
    const forged = await rejectionOf(
      completeAuthentication(janua, {
        challengeId: a.challengeId,
        credential: authenticator.assert(a.options, { userHandle: handle(server.dev.config.adminEmail) }),
      }),
    );
    expect(forged.message).toBe('Authentication verification failed: user handle does not match the passkey');
    const b = await beginAuthentication(janua);
    const ok = await completeAuthentication(janua, {
      challengeId: b.challengeId,
      credential: authenticator.assert(b.options, { userHandle: handle(id) }),
    });
    expect(ok.user.email).toBe(email);
  });

  test('unknown passkey → NotFoundError; suspended account → AuthorizationError', async () => {
    const janua = anonymous();
    const a = await beginAuthentication(janua);
    const unknown = await rejectionOf(
      completeAuthentication(janua, {
        challengeId: a.challengeId,
        credential: new SoftAuthenticator().assert(a.options),
      }),
    );
    expect(unknown).toBeInstanceOf(NotFoundError);
    expect(unknown.message).toBe('Passkey not found');

    const { authenticator, id } = await withPasskey();
    server.dev.db.prepare("UPDATE users SET status = 'suspended' WHERE id = ?").run(id);
    const b = await beginAuthentication(janua);
    const suspended = await rejectionOf(
      completeAuthentication(janua, { challengeId: b.challengeId, credential: authenticator.assert(b.options) }),
    );
    expect(suspended).toBeInstanceOf(AuthorizationError);
    expect(suspended.message).toBe('Account suspended');
  });

  test('the SDK sends ?challenge= and session_id; malformed input fails locally', async () => {
    const { authenticator } = await withPasskey();
    const janua = anonymous();
    const { challengeId, options } = await beginAuthentication(janua);
    const credential = authenticator.assert(options);
    const before = server.requests('POST', VERIFY).length;
    for (const c of [
      completeAuthentication(janua, { challengeId: '', credential }),
      completeAuthentication(janua, { challengeId, credential: { ...credential, id: '' } }),
      completeAuthentication(janua, { challengeId, credential: null as never }),
      completeAuthentication(janua, {
        challengeId,
        credential: { ...credential, response: { ...credential.response, signature: '' } },
      }),
      beginAuthentication(janua, { email: ' ' }),
    ]) {
      expect(await rejectionOf(c)).toBeInstanceOf(ValidationError);
    }
    expect(server.requests('POST', VERIFY).length).toBe(before);

    // The raw contract: without `challenge` the server answers 422 on `query.challenge`.
    const res = await fetch(`${server.url}${VERIFY}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ credential, session_id: challengeId }),
    });
    expect(res.status).toBe(422);
    expect((await res.json()).error.details.validation_errors[0].field).toBe('query.challenge');
    await completeAuthentication(janua, { challengeId, credential });
  });
});

describe('management', () => {
  test('list (sliced and iterated), rename, availability', async () => {
    const { janua } = await newUser(server);
    const ids: string[] = [];
    for (const name of ['one', 'two', 'three']) {
      const { challengeId, options } = await beginRegistration(janua);
      ids.push(
        (
          await completeRegistration(janua, {
            challengeId,
            credential: new SoftAuthenticator().register(options),
            name,
          })
        ).passkeyId,
      );
    }
    const all = await listPasskeys(janua);
    expect(all.data.map((p) => p.name)).toEqual(['three', 'two', 'one']);
    const page = await listPasskeys(janua, { limit: 2, offset: 2 });
    expect(page).toMatchObject({ total: 3, hasMore: false });
    expect(page.data.map((p) => p.name)).toEqual(['one']);
    expect((await listPasskeys(janua, { limit: 2 })).hasMore).toBe(true);
    const iterated: string[] = [];
    for await (const p of iteratePasskeys(janua, { limit: 2 })) iterated.push(p.id);
    expect(iterated).toEqual([...ids].reverse());

    const renamed = await renamePasskey(janua, { passkeyId: ids[0] as string, name: 'Work laptop' });
    expect(renamed).toMatchObject({ id: ids[0], name: 'Work laptop' });

    expect(await getPasskeyAvailability(anonymous())).toEqual({
      available: true,
      platformAuthenticator: true,
      roamingAuthenticator: true,
      conditionalMediation: true,
      userVerifyingPlatformAuthenticator: true,
    });
  });

  test("rename validates locally; another user's passkey is not found", async () => {
    const { passkeyId } = await withPasskey();
    const other = await newUser(server);
    const before = server.requests().length;
    expect(await rejectionOf(renamePasskey(other.janua, { passkeyId: 'nope', name: 'x' }))).toBeInstanceOf(
      ValidationError,
    );
    expect(await rejectionOf(renamePasskey(other.janua, { passkeyId, name: '' }))).toBeInstanceOf(ValidationError);
    expect(await rejectionOf(renamePasskey(other.janua, { passkeyId, name: 'y'.repeat(101) }))).toBeInstanceOf(
      ValidationError,
    );
    expect(server.requests().length).toBe(before);
    const err = await rejectionOf(renamePasskey(other.janua, { passkeyId, name: 'mine now' }));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.message).toBe('Passkey not found');
  });

  test('delete needs the password; a deleted passkey no longer signs in', async () => {
    const { janua, passkeyId, authenticator, id } = await withPasskey();
    const path = `/api/v1/passkeys/${passkeyId}`;
    const wrong = await rejectionOf(deletePasskey(janua, { passkeyId, password: 'Wrong-Password-1!' }));
    expect(wrong).toBeInstanceOf(ValidationError);
    expect(wrong.status).toBe(400);
    expect(wrong.message).toBe('Invalid password');
    expect(await rejectionOf(deletePasskey(janua, { passkeyId, password: '' }))).toBeInstanceOf(ValidationError);
    expect(await rejectionOf(deletePasskey(janua, { passkeyId: 'x', password: PASSWORD }))).toBeInstanceOf(
      ValidationError,
    );
    expect(server.requests('DELETE', path).length).toBe(1);

    const other = await newUser(server);
    expect(await rejectionOf(deletePasskey(other.janua, { passkeyId, password: PASSWORD }))).toBeInstanceOf(
      NotFoundError,
    );

    const before = events.length;
    await deletePasskey(janua, { passkeyId, password: PASSWORD });
    expect((await listPasskeys(janua)).total).toBe(0);
    const removed = events.slice(before).filter((e) => e.type === 'security.passkey.removed');
    expect(removed.map((e) => [e.payload.user_id, e.payload.passkey_id])).toEqual([[id, passkeyId]]);
    const err = await rejectionOf(passkeySignIn(authenticator));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.message).toBe('Passkey not found');
  });

  test('the dev server also takes the password in a JSON body (designed here, §1.3)', async () => {
    const { janua, passkeyId } = await withPasskey();
    const tokens = await getTokens(janua);
    const res = await fetch(`${server.url}/api/v1/passkeys/${passkeyId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${tokens?.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ message: 'Passkey deleted successfully' });
  });
});
