import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll } from 'vitest';
import { describeBad2xx, is, shape } from '../../../test-support/bad-2xx';
import * as sessions from '../src/index';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer({ scryptN: 1024 });
});
afterAll(() => server.close());

const id = '11111111-2222-4333-8444-555555555555';

const SESSION = shape({
  id: is.string,
  userId: is.string,
  isCurrent: is.boolean,
  revoked: is.boolean,
  createdAt: is.date,
  lastActivityAt: is.date,
  expiresAt: is.date,
});

describeBad2xx({
  server: () => server,
  module: sessions,
  table: {
    getCurrentSession: { call: (j) => sessions.getCurrentSession(j), resolves: SESSION },
    getSession: { call: (j) => sessions.getSession(j, { sessionId: id }), resolves: SESSION },
    getSessionDevice: {
      call: (j) => sessions.getSessionDevice(j, { sessionId: id }),
      resolves: shape({ trusted: is.boolean }),
    },
    listDevices: {
      call: (j) => sessions.listDevices(j),
      resolves: shape({ trustedDevices: is.arrayOf(is.object), activeSessions: is.arrayOf(is.object) }),
    },
    listSecurityAlerts: { call: (j) => sessions.listSecurityAlerts(j), resolves: 'list' },
    listSessionActivity: { call: (j) => sessions.listSessionActivity(j, { limit: 5 }), resolves: 'list' },
    listSessions: { call: (j) => sessions.listSessions(j), resolves: 'list' },
    refreshSession: { call: (j) => sessions.refreshSession(j, { sessionId: id }), resolves: 'void' },
    revokeDeviceTrust: { call: (j) => sessions.revokeDeviceTrust(j, { deviceId: id }), resolves: 'void' },
    revokeOtherSessions: {
      call: (j) => sessions.revokeOtherSessions(j),
      resolves: shape({ revokedCount: is.number }),
    },
    revokeSession: { call: (j) => sessions.revokeSession(j, { sessionId: id }), resolves: 'void' },
    trustCurrentDevice: {
      call: (j) => sessions.trustCurrentDevice(j, { deviceName: 'laptop', durationDays: 30 }),
      resolves: shape({
        id: is.string,
        deviceName: is.string,
        deviceFingerprint: is.string,
        isCurrentDevice: is.boolean,
        lastUsedAt: is.date,
        createdAt: is.date,
      }),
    },
    updateSessionDevice: {
      call: (j) => sessions.updateSessionDevice(j, { sessionId: id, name: 'laptop' }),
      resolves: SESSION,
    },
  },
});
