// MFA code fields take codes as people type them (§4.6: backup codes are shown as XXXX-XXXX;
// §6.3: upstream's 422 on a dashed backup code at the challenge is a defect the dev server fixes).
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type DevServer, startDevServer } from '../src/index';
import { TEST_PASSWORD } from '../src/testing';
import { client } from './http';

let server: DevServer;
let api: ReturnType<typeof client>;
beforeAll(async () => {
  server = await startDevServer({ scryptN: 1024 });
  api = client(server);
});
afterAll(() => server.close());

/** A user with TOTP switched on; the /verify call sends the code grouped as "123 456". */
async function mfaUser() {
  const u = await api.signUp();
  const setup = await api.call('POST', '/api/v1/mfa/enable', { token: u.token, body: { password: TEST_PASSWORD } });
  const totp = new OTPAuth.TOTP({ secret: setup.json.secret });
  const code = totp.generate();
  const verify = await api.call('POST', '/api/v1/mfa/verify', {
    token: u.token,
    body: { code: `${code.slice(0, 3)} ${code.slice(3)}` },
  });
  expect(verify.json).toEqual({ message: 'MFA successfully enabled' });
  return { ...u, totp, backupCodes: setup.json.backup_codes as string[] };
}

async function challenge(email: string) {
  const r = await api.call('POST', '/api/v1/auth/signin', { body: { email, password: TEST_PASSWORD } });
  expect(r.json.mfa_required).toBe(true);
  return r.json.mfa_token as string;
}

test('the challenge accepts a backup code exactly as displayed (XXXX-XXXX), once', async () => {
  const u = await mfaUser();
  const [code] = u.backupCodes;
  expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  const r = await api.call('POST', '/api/v1/mfa/challenge/verify', {
    body: { mfa_token: await challenge(u.email), code },
  });
  expect(r.status).toBe(200);
  expect(r.json.tokens.access_token).toEqual(expect.any(String));
  const reuse = await api.call('POST', '/api/v1/mfa/challenge/verify', {
    body: { mfa_token: await challenge(u.email), code },
  });
  expect([reuse.status, reuse.json.error.message]).toEqual([401, 'Invalid MFA code']);
});

test('lower-case and spaced backup codes work too; length rules apply after normalising', async () => {
  const u = await mfaUser();
  const code = (u.backupCodes[1] as string).toLowerCase().replace('-', ' ');
  const r = await api.call('POST', '/api/v1/mfa/challenge/verify', {
    body: { mfa_token: await challenge(u.email), code },
  });
  expect(r.status).toBe(200);
  const long = await api.call('POST', '/api/v1/mfa/challenge/verify', {
    body: { mfa_token: await challenge(u.email), code: 'ABCD-EFGH-J' },
  });
  expect([long.status, long.json.error.details.validation_errors[0].field]).toEqual([422, 'body.code']);
});

test('/mfa/disable takes a grouped TOTP code; a backup code still fails its 6-character rule', async () => {
  const u = await mfaUser();
  const backup = await api.call('POST', '/api/v1/mfa/disable', {
    token: u.token,
    body: { password: TEST_PASSWORD, code: u.backupCodes[2] },
  });
  expect(backup.status).toBe(422);
  await api.advance(30_000); // a fresh TOTP step: the one /verify used is spent
  const code = u.totp.generate({ timestamp: Date.now() + 30_000 });
  const r = await api.call('POST', '/api/v1/mfa/disable', {
    token: u.token,
    body: { password: TEST_PASSWORD, code: `${code.slice(0, 3)}-${code.slice(3)}` },
  });
  await api.call('POST', '/__dev/clock', { body: { reset: true } });
  expect(r.json).toEqual({ message: 'MFA successfully disabled' });
});
