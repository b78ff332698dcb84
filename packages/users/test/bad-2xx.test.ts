import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll } from 'vitest';
import { describeBad2xx } from '../../../test-support/bad-2xx';
import * as users from '../src/index';
import { PASSWORD } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer({ scryptN: 1024 });
});
afterAll(() => server.close());

const id = '11111111-2222-4333-8444-555555555555';

describeBad2xx({
  server: () => server,
  module: users,
  table: {
    createUser: (j) => users.createUser(j, { email: 'new@example.com' }),
    deleteAvatar: (j) => users.deleteAvatar(j),
    deleteCurrentUser: (j) => users.deleteCurrentUser(j, { password: PASSWORD }),
    deleteUser: (j) => users.deleteUser(j, { userId: id }),
    getCurrentUserProfile: (j) => users.getCurrentUserProfile(j),
    getUser: (j) => users.getUser(j, { userId: id }),
    getUserByEmail: (j) => users.getUserByEmail(j, { email: 'someone@example.com' }),
    iterateUsers: (j) => users.iterateUsers(j),
    listUsers: (j) => users.listUsers(j),
    suspendUser: (j) => users.suspendUser(j, { userId: id }),
    unsuspendUser: (j) => users.unsuspendUser(j, { userId: id }),
    updateCurrentUser: (j) => users.updateCurrentUser(j, { firstName: 'A' }),
    updateUser: (j) => users.updateUser(j, { userId: id, firstName: 'A' }),
    updateUserEmail: (j) => users.updateUserEmail(j, { userId: id, newEmail: 'other@example.com' }),
    uploadAvatar: (j) => users.uploadAvatar(j, { file: new Blob(['x'], { type: 'image/png' }) }),
  },
});
