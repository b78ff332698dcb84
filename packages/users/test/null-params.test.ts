import { signUp } from '@janua/auth';
import { createJanua } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll } from 'vitest';
import { describeNullParams, OK } from '../../../test-support/null-params';
import * as users from '../src/index';
import { PASSWORD, uniqueEmail } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer({ scryptN: 1024 });
});
afterAll(() => server.close());

describeNullParams({
  module: users,
  table: {
    createUser: 'email',
    deleteCurrentUser: 'password',
    deleteUser: 'userId',
    getUser: 'userId',
    getUserByEmail: 'email',
    grantConsent: 'clientId',
    iterateUsers: OK,
    listUsers: OK,
    revokeConsent: 'consentId',
    suspendUser: 'userId',
    unsuspendUser: 'userId',
    updateCurrentUser: OK,
    updateUser: 'userId',
    updateUserEmail: 'userId',
    uploadAvatar: 'file',
  },
  exempt: {
    deleteAvatar: 'takes no params',
    getCurrentUserProfile: 'takes no params',
    listConsents: 'takes no params',
  },
  janua: async (_, options) => {
    const janua = createJanua({ baseUrl: server.url, env: {}, ...options });
    await signUp(janua, { email: uniqueEmail(), password: PASSWORD });
    return janua;
  },
});
