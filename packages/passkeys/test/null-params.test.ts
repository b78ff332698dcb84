import { signUp } from '@janua/auth';
import { createJanua, ServerError } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { addFault, clearFaults } from '@janua/dev-server/testing';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { describeNullParams, OK } from '../../../test-support/null-params';
import { registerPasskey, signInWithPasskey } from '../src/browser';
import * as passkeys from '../src/index';
import { newUser, PASSWORD, rejectionOf, uniqueEmail } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer({ scryptN: 1024 });
});
afterAll(() => server.close());

describeNullParams({
  module: passkeys,
  table: {
    beginAuthentication: OK,
    beginRegistration: OK,
    completeAuthentication: 'challengeId',
    completeRegistration: 'challengeId',
    deletePasskey: 'passkeyId',
    iteratePasskeys: OK,
    listPasskeys: OK,
    renamePasskey: 'passkeyId',
  },
  exempt: { getPasskeyAvailability: 'takes no params' },
  janua: async (_, options) => {
    const janua = createJanua({ baseUrl: server.url, env: {}, ...options });
    await signUp(janua, { email: uniqueEmail(), password: PASSWORD });
    return janua;
  },
});

// The browser entry reads its params only once WebAuthn is known to exist, which Node lacks. A
// PublicKeyCredential global stands in for a WebAuthn-capable browser (the check
// @simplewebauthn/browser makes); the options request then fails on the dev server's fault switch,
// so the test ends before any ceremony: what matters is that the params were read without a
// TypeError and the request went out.
describe.each([null, undefined])('browser entry with params = %s', (params) => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    await clearFaults(server);
  });

  test.each([
    ['registerPasskey', registerPasskey, '/api/v1/passkeys/register/options'],
    ['signInWithPasskey', signInWithPasskey, '/api/v1/passkeys/authenticate/options'],
  ] as const)('%s behaves like {}', async (_, fn, path) => {
    const { janua } = await newUser(server);
    vi.stubGlobal('PublicKeyCredential', class {});
    await addFault(server, { method: 'POST', path, status: 500 });
    const before = server.requests('POST', path).length;
    const err = await rejectionOf(fn(janua, params as never));
    expect(err).toBeInstanceOf(ServerError);
    expect(server.requests('POST', path).length - before).toBe(1);
  });
});
