import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll } from 'vitest';
import { describeBad2xx, is, shape } from '../../../test-support/bad-2xx';
import * as mfa from '../src/index';
import { PASSWORD } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer({ scryptN: 1024 });
});
afterAll(() => server.close());

const SMS_SETUP = shape({ phoneNumber: is.string, verified: is.boolean });

describeBad2xx({
  server: () => server,
  module: mfa,
  table: {
    createChallenge: {
      call: (j) => mfa.createChallenge(j, { challengeId: 'pending' }),
      resolves: shape({ id: is.string, method: is.string, expiresAt: is.date }),
    },
    disableMfa: { call: (j) => mfa.disableMfa(j, { password: PASSWORD }), resolves: 'void' },
    generateBackupCodes: {
      call: (j) => mfa.generateBackupCodes(j, { password: PASSWORD }),
      resolves: shape({ backupCodes: is.arrayOf(is.string), generatedAt: is.date }),
    },
    getMfaStatus: {
      call: (j) => mfa.getMfaStatus(j),
      resolves: shape({
        enabled: is.boolean,
        verified: is.boolean,
        backupCodesRemaining: is.number,
        lastUsedAt: is.nullable(is.date),
      }),
    },
    getRecoveryOptions: {
      call: (j) => mfa.getRecoveryOptions(j, { email: 'a@example.com' }),
      resolves: shape({
        recoveryAvailable: is.boolean,
        methods: is.nullable(shape({ backupCodes: is.boolean, emailRecovery: is.boolean })),
      }),
    },
    initiateRecovery: { call: (j) => mfa.initiateRecovery(j, { email: 'a@example.com' }), resolves: 'void' },
    setupSms: { call: (j) => mfa.setupSms(j, { phoneNumber: '+15555550100' }), resolves: SMS_SETUP },
    setupTotp: {
      call: (j) => mfa.setupTotp(j, { password: PASSWORD }),
      resolves: shape({
        secret: is.string,
        qrCode: is.string,
        provisioningUri: is.string,
        backupCodes: is.arrayOf(is.string),
      }),
    },
    trustDevice: {
      call: (j) => mfa.trustDevice(j, { deviceName: 'laptop' }),
      resolves: shape({
        id: is.string,
        deviceName: is.string,
        deviceFingerprint: is.string,
        isCurrentDevice: is.boolean,
        lastUsedAt: is.date,
        createdAt: is.date,
      }),
    },
    validateCode: {
      call: (j) => mfa.validateCode(j, { code: '123456' }),
      resolves: shape({ valid: is.boolean, message: is.string }),
    },
    verifyChallenge: {
      call: (j) => mfa.verifyChallenge(j, { challengeId: 'pending', code: '123456' }),
      resolves: shape({
        status: is.exactly('signedIn'),
        user: shape({ id: is.string, email: is.string }),
        tokens: shape({ accessToken: is.string }),
      }),
    },
    verifySms: { call: (j) => mfa.verifySms(j, { code: '123456' }), resolves: SMS_SETUP },
    verifyTotp: { call: (j) => mfa.verifyTotp(j, { code: '123456' }), resolves: 'void' },
  },
  signIn: ['verifyChallenge'],
});
