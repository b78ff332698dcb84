import { AuthenticationError, createJanua } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeNullParams } from '../../../test-support/null-params';
import * as auth from '../src/index';
import { verifyAccessToken } from '../src/verify';
import { PASSWORD, rejectionOf, uniqueEmail } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer({ scryptN: 1024 });
});
afterAll(() => server.close());

// Every auth function with params has a required field, so each must fail locally.
describeNullParams({
  module: auth,
  table: {
    changePassword: 'currentPassword',
    getOAuthUrl: 'provider',
    handleOAuthCallback: 'provider',
    linkOAuthAccount: 'provider',
    requestPasswordReset: 'email',
    resetPassword: 'token',
    sendMagicLink: 'email',
    signIn: 'email',
    signUp: 'email',
    unlinkOAuthAccount: 'provider',
    verifyEmail: 'token',
    verifyMagicLink: 'token',
  },
  exempt: {
    getAuthSession: 'takes no params',
    getCurrentUser: 'takes no params',
    listOAuthAccounts: 'takes no params',
    listOAuthProviders: 'takes no params',
    refreshTokens: 'takes no params',
    resendVerificationEmail: 'takes no params',
    signOut: 'takes no params',
  },
  janua: async (_, options) => {
    const janua = createJanua({ baseUrl: server.url, env: {}, ...options });
    await auth.signUp(janua, { email: uniqueEmail(), password: PASSWORD });
    return janua;
  },
});

test.each([null, undefined])('verifyAccessToken with token = %s: TOKEN_MALFORMED, no request', async (token) => {
  let sent = 0;
  const fetch: typeof globalThis.fetch = (input, init) => {
    sent++;
    return globalThis.fetch(input, init);
  };
  const janua = createJanua({ baseUrl: server.url, env: {}, fetch });
  const err = await rejectionOf(verifyAccessToken(janua, token as never));
  expect(err).toBeInstanceOf(AuthenticationError);
  expect(err.code).toBe('TOKEN_MALFORMED');
  expect(sent).toBe(0);
});
