import { setTokens } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll } from 'vitest';
import { describeBad2xx, is, shape } from '../../../test-support/bad-2xx';
import * as auth from '../src/index';
import { verifyAccessToken } from '../src/verify';
import { PASSWORD } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer({ scryptN: 1024 });
});
afterAll(() => server.close());

const email = 'someone@example.com';
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
// Well-formed enough to get past the local checks to the JWKS fetch.
const jwt = `${b64({ alg: 'RS256', kid: 'k1' })}.${b64({ sub: 'x' })}.c2ln`;

const USER = shape({ id: is.string, email: is.string, emailVerified: is.boolean, createdAt: is.date });
const TOKENS = shape({ accessToken: is.string, refreshToken: is.string, expiresAt: is.number });
const SIGN_IN_RESULT = is.oneOf(
  shape({ status: is.exactly('signedIn'), user: USER, tokens: TOKENS }),
  shape({ status: is.exactly('mfaRequired'), user: USER, challengeId: is.string }),
);
const OAUTH_START = shape({ url: is.string, state: is.string, provider: is.string });

describeBad2xx({
  server: () => server,
  module: auth,
  table: {
    changePassword: {
      call: (j) => auth.changePassword(j, { currentPassword: PASSWORD, newPassword: `${PASSWORD}x` }),
      resolves: 'void',
    },
    getAuthSession: {
      call: (j) => auth.getAuthSession(j),
      resolves: shape({
        user: shape({
          id: is.string,
          email: is.string,
          emailVerified: is.boolean,
          roles: is.arrayOf(is.string),
          permissions: is.arrayOf(is.string),
          isAdmin: is.boolean,
        }),
        expiresAt: is.date,
      }),
    },
    getCurrentUser: { call: (j) => auth.getCurrentUser(j), resolves: USER },
    getOAuthUrl: { call: (j) => auth.getOAuthUrl(j, { provider: 'github' }), resolves: OAUTH_START },
    handleOAuthCallback: {
      call: (j) => auth.handleOAuthCallback(j, { provider: 'github', code: 'c', state: 's', expectedState: 's' }),
      resolves: shape({
        user: shape({ id: is.string, email: is.string }),
        isNewUser: is.boolean,
        tokens: is.nullable(TOKENS),
      }),
    },
    linkOAuthAccount: { call: (j) => auth.linkOAuthAccount(j, { provider: 'github' }), resolves: OAUTH_START },
    listOAuthAccounts: {
      call: (j) => auth.listOAuthAccounts(j),
      resolves: shape({
        accounts: is.arrayOf(is.object),
        authMethods: shape({ password: is.boolean, mfaEnabled: is.boolean, passkeysCount: is.number }),
        totalLinked: is.number,
      }),
    },
    listOAuthProviders: { call: (j) => auth.listOAuthProviders(j), resolves: 'list' },
    // Needs a refresh token: the answer to POST /auth/refresh is the bad body.
    refreshTokens: {
      call: async (j) => {
        await setTokens(j, { accessToken: 'a.b.c', refreshToken: 'r', expiresAt: Date.now() + 3_600_000 });
        return auth.refreshTokens(j);
      },
      resolves: TOKENS,
    },
    requestPasswordReset: { call: (j) => auth.requestPasswordReset(j, { email }), resolves: 'void' },
    resendVerificationEmail: { call: (j) => auth.resendVerificationEmail(j), resolves: 'void' },
    resetPassword: { call: (j) => auth.resetPassword(j, { token: 't', newPassword: PASSWORD }), resolves: 'void' },
    sendMagicLink: {
      call: (j) => auth.sendMagicLink(j, { email, redirectUrl: 'http://localhost/cb' }),
      resolves: 'void',
    },
    signIn: { call: (j) => auth.signIn(j, { email, password: PASSWORD }), resolves: SIGN_IN_RESULT },
    signOut: { call: (j) => auth.signOut(j), resolves: 'void' },
    signUp: {
      call: (j) => auth.signUp(j, { email, password: PASSWORD, metadata: { a: 1 } }),
      resolves: SIGN_IN_RESULT,
    },
    unlinkOAuthAccount: { call: (j) => auth.unlinkOAuthAccount(j, { provider: 'github' }), resolves: 'void' },
    verifyEmail: { call: (j) => auth.verifyEmail(j, { token: 't' }), resolves: 'void' },
    verifyMagicLink: { call: (j) => auth.verifyMagicLink(j, { token: 't' }), resolves: SIGN_IN_RESULT },
  },
  signIn: ['handleOAuthCallback', 'signIn', 'signUp', 'verifyMagicLink'],
});

describeBad2xx({
  server: () => server,
  module: { verifyAccessToken },
  table: {
    verifyAccessToken: {
      call: (j) => verifyAccessToken(j, jwt),
      resolves: shape({ userId: is.string, expiresAt: is.date, issuedAt: is.date, raw: is.object }),
    },
  },
});
