import { signIn, signUp } from '@janua/auth';
import {
  AuthenticationError,
  createJanua,
  getTokens,
  NotFoundError,
  refreshTokens,
  ValidationError,
} from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  getCurrentSession,
  getSession,
  getSessionDevice,
  listDevices,
  listSessions,
  refreshSession,
  revokeDeviceTrust,
  revokeOtherSessions,
  revokeSession,
  trustCurrentDevice,
  updateSessionDevice,
} from '../src/index';
import { PASSWORD, rejectionOf, uniqueEmail } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer();
});
afterAll(() => server.close());

const UA =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';
const make = (ua = UA) => createJanua({ baseUrl: server.url, env: {}, headers: { 'user-agent': ua } });

async function twoDevices() {
  const email = uniqueEmail();
  const laptop = make();
  await signUp(laptop, { email, password: PASSWORD });
  const phone = make('Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148 Safari/604.1');
  await signIn(phone, { email, password: PASSWORD });
  return { laptop, phone, email };
}

describe('sessions', () => {
  test('list, current, get, device facts', async () => {
    const { laptop, phone } = await twoDevices();
    const sessions = await listSessions(laptop);
    expect(sessions).toHaveLength(2);
    const current = await getCurrentSession(laptop);
    expect(current).toMatchObject({ isCurrent: true, browser: 'Chrome', os: 'macOS', deviceType: 'desktop' });
    const phoneSession = await getCurrentSession(phone);
    expect(phoneSession.id).not.toBe(current.id);
    expect((await getSession(laptop, { sessionId: phoneSession.id })).isCurrent).toBe(false);
    expect(await getSessionDevice(laptop, { sessionId: phoneSession.id })).toMatchObject({
      os: 'iOS',
      deviceType: 'mobile',
      trusted: false,
    });
    // refreshSession bumps the session's last activity (and nothing else: no tokens, §4.4).
    const before = (await getSession(laptop, { sessionId: phoneSession.id })).lastActivityAt;
    server.advanceClock(90_000);
    try {
      expect(await refreshSession(laptop, { sessionId: phoneSession.id })).toBeUndefined();
      const after = (await getSession(laptop, { sessionId: phoneSession.id })).lastActivityAt;
      expect(after.getTime() - before.getTime()).toBeGreaterThanOrEqual(90_000);
    } finally {
      server.advanceClock(-90_000);
    }
    await revokeSession(laptop, { sessionId: phoneSession.id });
    const gone = await rejectionOf(refreshSession(laptop, { sessionId: phoneSession.id }));
    expect(gone).toBeInstanceOf(NotFoundError);
    expect(gone.message).toBe('Session not found or revoked');
  });

  test('revoking a session really revokes: its refresh stops working and it leaves the list', async () => {
    const { laptop, phone } = await twoDevices();
    const phoneSession = await getCurrentSession(phone);
    await revokeSession(laptop, { sessionId: phoneSession.id });
    expect((await listSessions(laptop)).map((s) => s.id)).not.toContain(phoneSession.id);
    const err = await rejectionOf(refreshTokens(phone));
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(await getTokens(phone)).toBeNull();
  });

  test('revoke the others keeps this one', async () => {
    const { laptop, phone, email } = await twoDevices();
    const third = make();
    await signIn(third, { email, password: PASSWORD });
    expect(await revokeOtherSessions(laptop)).toEqual({ revokedCount: 2 });
    expect(await listSessions(laptop)).toHaveLength(1);
    expect(await rejectionOf(listSessions(phone))).toBeInstanceOf(AuthenticationError);
  });

  test("someone else's session is not found; bad ids fail locally", async () => {
    const a = await twoDevices();
    const b = await twoDevices();
    const bSession = await getCurrentSession(b.laptop);
    expect(await rejectionOf(getSession(a.laptop, { sessionId: bSession.id }))).toBeInstanceOf(NotFoundError);
    expect(await rejectionOf(revokeSession(a.laptop, { sessionId: bSession.id }))).toBeInstanceOf(NotFoundError);
    expect(await rejectionOf(getSession(a.laptop, { sessionId: 'not-a-uuid' }))).toBeInstanceOf(ValidationError);
  });

  test('a sixth sign-in ends the oldest session (at most 5)', async () => {
    const email = uniqueEmail();
    const first = make();
    await signUp(first, { email, password: PASSWORD });
    for (let i = 0; i < 5; i++) await signIn(make(), { email, password: PASSWORD });
    expect(await rejectionOf(listSessions(first))).toBeInstanceOf(AuthenticationError);
  });
});

describe('devices', () => {
  test('trust the current device, see it, name a session, untrust', async () => {
    const { laptop, phone } = await twoDevices();
    const device = await trustCurrentDevice(laptop, { deviceName: 'Work laptop', durationDays: 90 });
    expect(device).toMatchObject({ deviceName: 'Work laptop', isCurrentDevice: true });
    expect(device.deviceFingerprint).toMatch(/^[0-9a-f]{8}\*{4}$/);
    expect((device.trustExpiresAt?.getTime() ?? 0) - Date.now()).toBeGreaterThan(89 * 86_400_000);
    const { trustedDevices, activeSessions } = await listDevices(laptop);
    expect(trustedDevices.map((d) => d.id)).toEqual([device.id]);
    expect(activeSessions.find((s) => s.isCurrentSession)?.isTrustedDevice).toBe(true);
    const phoneSession = await getCurrentSession(phone);
    const named = await updateSessionDevice(laptop, { sessionId: phoneSession.id, name: 'My phone', trusted: true });
    expect(named.deviceName).toBe('My phone');
    expect((await getSessionDevice(laptop, { sessionId: phoneSession.id })).trusted).toBe(true);
    await revokeDeviceTrust(laptop, { deviceId: device.id });
    expect((await listDevices(laptop)).trustedDevices.map((d) => d.deviceName)).toEqual(['My phone']);
    expect(await rejectionOf(revokeDeviceTrust(laptop, { deviceId: device.id }))).toBeInstanceOf(NotFoundError);
    expect(await rejectionOf(trustCurrentDevice(laptop, { durationDays: 0 }))).toBeInstanceOf(ValidationError);
  });
});
