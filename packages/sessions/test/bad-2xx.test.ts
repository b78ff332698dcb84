import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll } from 'vitest';
import { describeBad2xx } from '../../../test-support/bad-2xx';
import * as sessions from '../src/index';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer({ scryptN: 1024 });
});
afterAll(() => server.close());

const id = '11111111-2222-4333-8444-555555555555';

describeBad2xx({
  server: () => server,
  module: sessions,
  table: {
    getCurrentSession: (j) => sessions.getCurrentSession(j),
    getSession: (j) => sessions.getSession(j, { sessionId: id }),
    getSessionDevice: (j) => sessions.getSessionDevice(j, { sessionId: id }),
    listDevices: (j) => sessions.listDevices(j),
    listSessions: (j) => sessions.listSessions(j),
    refreshSession: (j) => sessions.refreshSession(j, { sessionId: id }),
    revokeDeviceTrust: (j) => sessions.revokeDeviceTrust(j, { deviceId: id }),
    revokeOtherSessions: (j) => sessions.revokeOtherSessions(j),
    revokeSession: (j) => sessions.revokeSession(j, { sessionId: id }),
    trustCurrentDevice: (j) => sessions.trustCurrentDevice(j, { deviceName: 'laptop', durationDays: 30 }),
    updateSessionDevice: (j) => sessions.updateSessionDevice(j, { sessionId: id, name: 'laptop' }),
  },
});
