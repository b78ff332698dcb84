import { setTokens } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll } from 'vitest';
import { describeBad2xx } from '../../../test-support/bad-2xx';
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

describeBad2xx({
  server: () => server,
  module: auth,
  table: {
    changePassword: (j) => auth.changePassword(j, { currentPassword: PASSWORD, newPassword: `${PASSWORD}x` }),
    getCurrentUser: (j) => auth.getCurrentUser(j),
    getOAuthUrl: (j) => auth.getOAuthUrl(j, { provider: 'github' }),
    handleOAuthCallback: (j) =>
      auth.handleOAuthCallback(j, { provider: 'github', code: 'c', state: 's', expectedState: 's' }),
    linkOAuthAccount: (j) => auth.linkOAuthAccount(j, { provider: 'github' }),
    listOAuthAccounts: (j) => auth.listOAuthAccounts(j),
    listOAuthProviders: (j) => auth.listOAuthProviders(j),
    // Needs a refresh token: the answer to POST /auth/refresh is the bad body.
    refreshTokens: async (j) => {
      await setTokens(j, { accessToken: 'a.b.c', refreshToken: 'r', expiresAt: Date.now() + 3_600_000 });
      return auth.refreshTokens(j);
    },
    requestPasswordReset: (j) => auth.requestPasswordReset(j, { email }),
    resendVerificationEmail: (j) => auth.resendVerificationEmail(j),
    resetPassword: (j) => auth.resetPassword(j, { token: 't', newPassword: PASSWORD }),
    sendMagicLink: (j) => auth.sendMagicLink(j, { email, redirectUrl: 'http://localhost/cb' }),
    signIn: (j) => auth.signIn(j, { email, password: PASSWORD }),
    signOut: (j) => auth.signOut(j),
    signUp: (j) => auth.signUp(j, { email, password: PASSWORD, metadata: { a: 1 } }),
    unlinkOAuthAccount: (j) => auth.unlinkOAuthAccount(j, { provider: 'github' }),
    verifyEmail: (j) => auth.verifyEmail(j, { token: 't' }),
    verifyMagicLink: (j) => auth.verifyMagicLink(j, { token: 't' }),
  },
  signIn: ['handleOAuthCallback', 'signIn', 'signUp', 'verifyMagicLink'],
});

describeBad2xx({
  server: () => server,
  module: { verifyAccessToken },
  table: { verifyAccessToken: (j) => verifyAccessToken(j, jwt) },
});
