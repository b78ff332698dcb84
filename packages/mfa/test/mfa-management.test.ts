import { getCurrentUser, signIn } from '@janua/auth';
import { AuthenticationError, createJanua, getTokens, ValidationError } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createChallenge,
  disableMfa,
  generateBackupCodes,
  getMfaStatus,
  getRecoveryOptions,
  initiateRecovery,
  setupSms,
  setupTotp,
  trustDevice,
  validateCode,
  verifyChallenge,
  verifySms,
  verifyTotp,
} from '../src/index';
import { newUser, PASSWORD, recordEvents, rejectionOf, totp, uniqueEmail } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer();
});
afterAll(() => server.close());

const fresh = () => createJanua({ baseUrl: server.url, env: {} });

async function withTotp() {
  const user = await newUser(server, 'ada');
  const setup = await setupTotp(user.janua, { password: PASSWORD });
  await verifyTotp(user.janua, { code: totp(server, setup.secret) });
  return { ...user, ...setup };
}

function latestSms(to: string): string {
  const [sms] = server.outbox({ to, channel: 'sms', template: 'mfa_code' });
  if (!sms?.code) throw new Error(`no SMS for ${to}`);
  return sms.code;
}

describe('MFA management', () => {
  test('setup and verify errors are ValidationErrors with the server messages', async () => {
    const ada = await newUser(server, 'ada');
    const notStarted = await rejectionOf(verifyTotp(ada.janua, { code: '123456' }));
    expect(notStarted).toBeInstanceOf(ValidationError);
    expect(notStarted.message).toBe('MFA setup not initiated');
    const badPassword = await rejectionOf(setupTotp(ada.janua, { password: 'Wrong-Password-1!' }));
    expect(badPassword).toMatchObject({ status: 400, message: 'Invalid password' });
    // A second setup before verifying replaces the secret: the first one stops working.
    const first = await setupTotp(ada.janua, { password: PASSWORD });
    const second = await setupTotp(ada.janua, { password: PASSWORD });
    expect(second.secret).not.toBe(first.secret);
    const stale = await rejectionOf(verifyTotp(ada.janua, { code: totp(server, first.secret) }));
    expect(stale.message).toBe('Invalid verification code');
    await verifyTotp(ada.janua, {
      code: `${totp(server, second.secret).slice(0, 3)} ${totp(server, second.secret).slice(3)}`,
    });
    expect((await rejectionOf(setupTotp(ada.janua, { password: PASSWORD }))).message).toBe('MFA is already enabled');
    const before = server.requests().length;
    expect(await rejectionOf(verifyTotp(ada.janua, { code: 'ABCD-EFGH' }))).toBeInstanceOf(ValidationError);
    expect(await rejectionOf(setupTotp(ada.janua, { password: '' }))).toBeInstanceOf(ValidationError);
    expect(server.requests().length).toBe(before);
  });

  test('validateCode consumes TOTP steps and backup codes; regenerated codes replace the old ones', async () => {
    const ada = await withTotp();
    expect(await validateCode(ada.janua, { code: totp(server, ada.secret, 1) })).toEqual({
      valid: true,
      message: 'Code is valid',
    });
    expect(await validateCode(ada.janua, { code: totp(server, ada.secret, 1) })).toEqual({
      valid: false,
      message: 'Invalid code',
    });
    expect(await validateCode(ada.janua, { code: ada.backupCodes[0] as string })).toEqual({
      valid: true,
      message: 'Backup code is valid (now consumed)',
    });
    expect((await validateCode(ada.janua, { code: ada.backupCodes[0] as string })).valid).toBe(false);
    // The password goes in the query string (contract §1.3); the request log keeps no query.
    const regenerated = await generateBackupCodes(ada.janua, { password: PASSWORD });
    expect(server.requests('POST', '/api/v1/mfa/regenerate-backup-codes').at(-1)?.status).toBe(200);
    expect(regenerated.backupCodes).toHaveLength(10);
    expect(regenerated.generatedAt).toBeInstanceOf(Date);
    expect((await validateCode(ada.janua, { code: ada.backupCodes[1] as string })).valid).toBe(false);
    expect((await validateCode(ada.janua, { code: regenerated.backupCodes[0] as string })).valid).toBe(true);
    expect((await getMfaStatus(ada.janua)).backupCodesRemaining).toBe(9);
    expect((await rejectionOf(generateBackupCodes(ada.janua, { password: 'Nope-Nope-12!' }))).message).toBe(
      'Invalid password',
    );
  });

  test('disable: password (and code when given) checked; sign-in is direct again', async () => {
    const events = recordEvents(server);
    const ada = await withTotp();
    expect((await rejectionOf(disableMfa(ada.janua, { password: 'Wrong-Password-1!' }))).message).toBe(
      'Invalid password',
    );
    expect((await rejectionOf(disableMfa(ada.janua, { password: PASSWORD, code: '000000' }))).message).toBe(
      'Invalid verification code',
    );
    expect(await rejectionOf(disableMfa(ada.janua, { password: PASSWORD, code: 'ABCD-EFGH' }))).toBeInstanceOf(
      ValidationError,
    );
    await disableMfa(ada.janua, { password: PASSWORD, code: totp(server, ada.secret, 1) });
    expect(events).toContainEqual({ type: 'security.mfa.disabled', payload: { user_id: ada.id } });
    expect((await getMfaStatus(ada.janua)).enabled).toBe(false);
    expect((await signIn(fresh(), { email: ada.email, password: PASSWORD })).status).toBe('signedIn');
    expect((await rejectionOf(disableMfa(ada.janua, { password: PASSWORD }))).message).toBe('MFA is not enabled');
    expect((await rejectionOf(validateCode(ada.janua, { code: '123456' }))).message).toBe('MFA is not enabled');
  });

  test('SMS: codes go to the outbox; sign-in asks for one through createChallenge', async () => {
    const events = recordEvents(server);
    const ada = await newUser(server, 'ada');
    const phone = `+4477009${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`;
    const started = await setupSms(ada.janua, { phoneNumber: `${phone.slice(0, 3)} ${phone.slice(3)}` });
    expect(started).toEqual({ phoneNumber: phone, verified: false });
    const [sms] = server.outbox({ to: phone });
    expect(sms).toMatchObject({ channel: 'sms', template: 'mfa_code' });
    expect(sms?.code).toMatch(/^\d{6}$/);
    const wrong = await rejectionOf(verifySms(ada.janua, { code: sms?.code === '000000' ? '111111' : '000000' }));
    expect(wrong).toBeInstanceOf(ValidationError);
    expect(wrong.message).toBe('Invalid verification code');
    expect(await verifySms(ada.janua, { code: latestSms(phone) })).toEqual({ phoneNumber: phone, verified: true });
    expect(events).toContainEqual({ type: 'security.mfa.enabled', payload: { user_id: ada.id } });
    expect(await getMfaStatus(ada.janua)).toMatchObject({ enabled: true, verified: false });

    const janua = fresh();
    const pending = await signIn(janua, { email: ada.email, password: PASSWORD });
    if (pending.status !== 'mfaRequired') throw new Error('expected mfaRequired');
    const ch = await createChallenge(janua, { method: 'sms', challengeId: pending.challengeId });
    expect(ch).toMatchObject({ id: pending.challengeId, method: 'sms' });
    expect(ch.expiresAt.getTime()).toBeGreaterThan(Date.now());
    const signedIn = await verifyChallenge(janua, { challengeId: ch.id, code: latestSms(phone) });
    expect(signedIn.user.id).toBe(ada.id);

    // Step-up for the signed-in user: a new challenge and a new session replacing the pair.
    const totpOnly = await rejectionOf(createChallenge(janua, { method: 'totp' }));
    expect(totpOnly).toBeInstanceOf(ValidationError);
    expect(totpOnly.message).toBe('Method not enabled: totp');
    const stepUp = await createChallenge(janua, { method: 'sms' });
    expect(stepUp.id).not.toBe(pending.challengeId);
    const old = await getTokens(janua);
    const again = await verifyChallenge(janua, { challengeId: stepUp.id, code: latestSms(phone) });
    expect(again.session?.id).not.toBe(signedIn.session?.id);
    expect((await getTokens(janua))?.accessToken).not.toBe(old?.accessToken);
    expect((await getCurrentUser(janua)).id).toBe(ada.id);

    expect(await rejectionOf(setupSms(ada.janua, { phoneNumber: '07700 900123' }))).toBeInstanceOf(ValidationError);
    expect(await rejectionOf(createChallenge(fresh(), { method: 'sms' }))).toBeInstanceOf(AuthenticationError);
  });

  test('step-up without MFA, and TOTP step-up', async () => {
    const plain = await newUser(server, 'plain');
    const off = await rejectionOf(createChallenge(plain.janua));
    expect(off).toBeInstanceOf(ValidationError);
    expect(off.message).toBe('MFA is not enabled');
    const ada = await withTotp();
    const sms = await rejectionOf(createChallenge(ada.janua, { method: 'sms' }));
    expect(sms.message).toBe('Method not enabled: sms');
    const ch = await createChallenge(ada.janua);
    expect(ch.method).toBe('totp');
    expect((await verifyChallenge(ada.janua, { challengeId: ch.id, code: totp(server, ada.secret, 1) })).status).toBe(
      'signedIn',
    );
  });

  test('recovery: options per account, the mail carries a single-use recovery code', async () => {
    const ada = await withTotp();
    const anonymous = fresh();
    expect(await getRecoveryOptions(anonymous, { email: uniqueEmail('nobody') })).toEqual({
      recoveryAvailable: false,
      methods: null,
    });
    expect(await getRecoveryOptions(anonymous, { email: ada.email })).toEqual({
      recoveryAvailable: true,
      methods: { backupCodes: true, emailRecovery: true },
    });
    await initiateRecovery(anonymous, { email: uniqueEmail('nobody') });
    await initiateRecovery(anonymous, { email: ada.email });
    const [mail] = server.outbox({ to: ada.email, template: 'mfa_recovery' });
    expect(mail?.code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const pending = await signIn(anonymous, { email: ada.email, password: PASSWORD });
    if (pending.status !== 'mfaRequired') throw new Error('expected mfaRequired');
    const ok = await verifyChallenge(anonymous, { challengeId: pending.challengeId, code: mail?.code as string });
    expect(ok.status).toBe('signedIn');
    expect(await rejectionOf(getRecoveryOptions(anonymous, { email: 'nope' }))).toBeInstanceOf(ValidationError);
  });

  test('trustDevice trusts the calling device; bad input is rejected locally', async () => {
    const ada = await newUser(server, 'ada');
    const device = await trustDevice(ada.janua, { deviceName: 'Ada laptop', durationDays: 7 });
    expect(device).toMatchObject({ deviceName: 'Ada laptop', isCurrentDevice: true });
    const expires = device.trustExpiresAt?.getTime() ?? 0;
    expect(expires - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect(expires - Date.now()).toBeLessThan(7.1 * 86_400_000);
    const before = server.requests().length;
    expect(await rejectionOf(trustDevice(ada.janua, { durationDays: 0 }))).toBeInstanceOf(ValidationError);
    expect(await rejectionOf(trustDevice(ada.janua, { durationDays: 366 }))).toBeInstanceOf(ValidationError);
    expect(await rejectionOf(trustDevice(ada.janua, { deviceName: 'x'.repeat(256) }))).toBeInstanceOf(ValidationError);
    expect(server.requests().length).toBe(before);
  });
});
