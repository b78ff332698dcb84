import { signUp } from '@janua/auth';
import { createJanua } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll } from 'vitest';
import { describeNullParams, OK } from '../../../test-support/null-params';
import * as sessions from '../src/index';
import { PASSWORD, uniqueEmail } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer({ scryptN: 1024 });
});
afterAll(() => server.close());

describeNullParams({
  module: sessions,
  table: {
    getSession: 'sessionId',
    getSessionDevice: 'sessionId',
    listSessionActivity: OK,
    refreshSession: 'sessionId',
    revokeDeviceTrust: 'deviceId',
    revokeSession: 'sessionId',
    trustCurrentDevice: OK,
    updateSessionDevice: 'sessionId',
  },
  exempt: {
    getCurrentSession: 'takes no params',
    listDevices: 'takes no params',
    listSecurityAlerts: 'takes no params',
    listSessions: 'takes no params',
    revokeOtherSessions: 'takes no params',
  },
  janua: async (_, options) => {
    const janua = createJanua({ baseUrl: server.url, env: {}, ...options });
    await signUp(janua, { email: uniqueEmail(), password: PASSWORD });
    return janua;
  },
});
