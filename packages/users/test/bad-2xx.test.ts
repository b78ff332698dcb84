import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll } from 'vitest';
import { describeBad2xx, is, shape } from '../../../test-support/bad-2xx';
import * as users from '../src/index';
import { PASSWORD } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer({ scryptN: 1024 });
});
afterAll(() => server.close());

const id = '11111111-2222-4333-8444-555555555555';

const USER = shape({
  id: is.string,
  email: is.string,
  emailVerified: is.boolean,
  status: is.string,
  createdAt: is.date,
  userMetadata: is.object,
});

describeBad2xx({
  server: () => server,
  module: users,
  table: {
    createUser: {
      call: (j) => users.createUser(j, { email: 'new@example.com' }),
      resolves: shape({ id: is.string, email: is.string, isAdmin: is.boolean, createdAt: is.date }),
    },
    deleteAvatar: { call: (j) => users.deleteAvatar(j), resolves: 'void' },
    deleteCurrentUser: { call: (j) => users.deleteCurrentUser(j, { password: PASSWORD }), resolves: 'void' },
    deleteUser: { call: (j) => users.deleteUser(j, { userId: id }), resolves: 'void' },
    getCurrentUserProfile: { call: (j) => users.getCurrentUserProfile(j), resolves: USER },
    getUser: { call: (j) => users.getUser(j, { userId: id }), resolves: USER },
    getUserByEmail: { call: (j) => users.getUserByEmail(j, { email: 'someone@example.com' }), resolves: USER },
    grantConsent: {
      call: (j) =>
        users.grantConsent(j, { clientId: 'acme', scopes: ['openid'], expiresAt: new Date(Date.now() + 864e5) }),
      resolves: shape({
        id: is.string,
        userId: is.string,
        clientId: is.string,
        scopes: is.arrayOf(is.string),
        grantedAt: is.date,
        expiresAt: is.nullable(is.date),
      }),
    },
    iterateUsers: { call: (j) => users.iterateUsers(j), resolves: 'list' },
    listConsents: { call: (j) => users.listConsents(j), resolves: 'list' },
    listUsers: { call: (j) => users.listUsers(j), resolves: 'list' },
    revokeConsent: { call: (j) => users.revokeConsent(j, { consentId: id }), resolves: 'void' },
    suspendUser: { call: (j) => users.suspendUser(j, { userId: id }), resolves: 'void' },
    unsuspendUser: { call: (j) => users.unsuspendUser(j, { userId: id }), resolves: 'void' },
    updateCurrentUser: { call: (j) => users.updateCurrentUser(j, { firstName: 'A' }), resolves: USER },
    updateUser: { call: (j) => users.updateUser(j, { userId: id, firstName: 'A' }), resolves: USER },
    updateUserEmail: {
      call: (j) => users.updateUserEmail(j, { userId: id, newEmail: 'other@example.com' }),
      resolves: USER,
    },
    uploadAvatar: {
      call: (j) => users.uploadAvatar(j, { file: new Blob(['x'], { type: 'image/png' }) }),
      // An absolute URL made from a real path: `<baseUrl>/undefined` (a missing field) does not pass.
      resolves: shape({
        profileImageUrl: (v: unknown) => typeof v === 'string' && URL.canParse(v) && !/\/(undefined|null)$/.test(v),
      }),
    },
  },
});
