import { signUp } from '@janua/auth';
import { createJanua } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll } from 'vitest';
import { describeNullParams, OK } from '../../../test-support/null-params';
import * as mfa from '../src/index';
import { PASSWORD, totp, uniqueEmail } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer({ scryptN: 1024 });
});
afterAll(() => server.close());

describeNullParams({
  module: mfa,
  table: {
    createChallenge: OK,
    disableMfa: 'password',
    generateBackupCodes: 'password',
    getRecoveryOptions: 'email',
    initiateRecovery: 'email',
    setupSms: 'phoneNumber',
    setupTotp: 'password',
    trustDevice: OK,
    validateCode: 'code',
    verifyChallenge: 'challengeId',
    verifySms: 'code',
    verifyTotp: 'code',
  },
  exempt: { getMfaStatus: 'takes no params' },
  janua: async (name, options) => {
    const janua = createJanua({ baseUrl: server.url, env: {}, ...options });
    await signUp(janua, { email: uniqueEmail(), password: PASSWORD });
    if (name === 'createChallenge') {
      // A step-up challenge (the default, TOTP) needs TOTP enabled.
      const { secret } = await mfa.setupTotp(janua, { password: PASSWORD });
      await mfa.verifyTotp(janua, { code: totp(server, secret) });
    }
    return janua;
  },
});
