import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll } from 'vitest';
import { describeBad2xx } from '../../../test-support/bad-2xx';
import * as mfa from '../src/index';
import { PASSWORD } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer({ scryptN: 1024 });
});
afterAll(() => server.close());

describeBad2xx({
  server: () => server,
  module: mfa,
  table: {
    createChallenge: (j) => mfa.createChallenge(j, { challengeId: 'pending' }),
    disableMfa: (j) => mfa.disableMfa(j, { password: PASSWORD }),
    generateBackupCodes: (j) => mfa.generateBackupCodes(j, { password: PASSWORD }),
    getMfaStatus: (j) => mfa.getMfaStatus(j),
    getRecoveryOptions: (j) => mfa.getRecoveryOptions(j, { email: 'a@example.com' }),
    initiateRecovery: (j) => mfa.initiateRecovery(j, { email: 'a@example.com' }),
    setupSms: (j) => mfa.setupSms(j, { phoneNumber: '+15555550100' }),
    setupTotp: (j) => mfa.setupTotp(j, { password: PASSWORD }),
    trustDevice: (j) => mfa.trustDevice(j, { deviceName: 'laptop' }),
    validateCode: (j) => mfa.validateCode(j, { code: '123456' }),
    verifyChallenge: (j) => mfa.verifyChallenge(j, { challengeId: 'pending', code: '123456' }),
    verifySms: (j) => mfa.verifySms(j, { code: '123456' }),
    verifyTotp: (j) => mfa.verifyTotp(j, { code: '123456' }),
  },
  signIn: ['verifyChallenge'],
});
