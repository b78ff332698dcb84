import { signIn, signOut, signUp } from '@janua/auth';
import { createJanua, type Janua, ValidationError } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { countingFetch } from '../../../test-support/counting-fetch';
import { getCurrentSession, listSecurityAlerts, listSessionActivity, listSessions, revokeSession } from '../src/index';
import { PASSWORD, rejectionOf, uniqueEmail } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer();
});
afterAll(() => server.close());

const MAC_CHROME =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
const LINUX_FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0';
const MINUTE = 60_000;

const make = (s: DevServer, ua = MAC_CHROME, fetch?: typeof globalThis.fetch) =>
  createJanua({ baseUrl: s.url, env: {}, headers: { 'user-agent': ua }, fetch });

/** An instance whose connections leave from `localAddress` (any 127.x.y.z is loopback on Linux). */
function fromAddress(s: DevServer, localAddress: string): Janua {
  const dispatcher = new Agent({ localAddress });
  const fetch = ((input: string, init: object) => undiciFetch(input, { ...init, dispatcher })) as never;
  return make(s, MAC_CHROME, fetch);
}

describe('listSessionActivity', () => {
  test('one entry per session, latest activity first, ended sessions flagged', async () => {
    const email = uniqueEmail();
    const laptop = make(server);
    await signUp(laptop, { email, password: PASSWORD });
    const phone = make(server, IPHONE);
    await signIn(phone, { email, password: PASSWORD });
    const old = make(server, LINUX_FIREFOX);
    await signIn(old, { email, password: PASSWORD });
    const oldId = (await getCurrentSession(old)).id;
    await signOut(old);
    // Another user's sessions never show.
    await signUp(make(server), { email: uniqueEmail(), password: PASSWORD });

    // Any call marks its session active (after 10 s idle); the server clock makes the order certain.
    server.advanceClock(MINUTE);
    const phoneSession = await getCurrentSession(phone);
    server.advanceClock(MINUTE);
    const activity = await listSessionActivity(laptop);
    const laptopSession = (await listSessions(laptop)).find((s) => s.isCurrent);

    expect(activity.map((a) => a.sessionId)).toEqual([laptopSession?.id, phoneSession.id, oldId]);
    expect(activity[0]).toMatchObject({
      activityType: 'session_active',
      device: 'Chrome on macOS',
      deviceType: 'desktop',
      ipAddress: '127.0.0.1',
      revoked: false,
    });
    expect(activity[0]?.timestamp).toEqual(laptopSession?.lastActivityAt);
    expect(activity[1]).toMatchObject({
      activityType: 'session_active',
      device: 'Safari on iOS',
      deviceType: 'mobile',
    });
    expect(activity[1]?.timestamp.getTime() ?? 0).toBeLessThan(activity[0]?.timestamp.getTime() ?? 0);
    expect(activity[2]).toMatchObject({ activityType: 'session_created', device: 'Firefox on Linux', revoked: true });

    expect(await listSessionActivity(laptop, { limit: 2 })).toHaveLength(2);
    expect(server.requests('GET', '/api/v1/sessions/activity/recent').at(-1)?.status).toBe(200);
  });

  test('limit outside 1–50: ValidationError naming it, no request', async () => {
    const { fetch, sent } = countingFetch();
    const janua = createJanua({ baseUrl: server.url, env: {}, fetch });
    await signUp(janua, { email: uniqueEmail(), password: PASSWORD });
    expect(await listSessionActivity(janua, { limit: 50 })).toHaveLength(1);
    const before = sent();
    for (const limit of [0, 51, 1.5, Number.NaN, '5' as never]) {
      const err = await rejectionOf(listSessionActivity(janua, { limit }));
      expect(err).toBeInstanceOf(ValidationError);
      expect(err.fieldErrors).toEqual([expect.objectContaining({ field: 'limit' })]);
    }
    expect(sent()).toBe(before);
  });
});

describe('listSecurityAlerts', () => {
  test('none for an ordinary user', async () => {
    const janua = make(server);
    await signUp(janua, { email: uniqueEmail(), password: PASSWORD });
    expect(await listSecurityAlerts(janua)).toEqual([]);
  });

  test('an automated User-Agent is flagged until that session ends', async () => {
    const email = uniqueEmail();
    const me = make(server);
    await signUp(me, { email, password: PASSWORD });
    const bot = make(server, 'Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/130.0 Safari/537.36');
    await signIn(bot, { email, password: PASSWORD });
    const botSession = await getCurrentSession(bot);

    const alerts = await listSecurityAlerts(me);
    expect(alerts).toEqual([
      {
        type: 'suspicious_user_agent',
        severity: 'warning',
        message: '1 session(s) with an automated or suspicious user agent',
        locations: [],
        sessionIds: [botSession.id],
      },
    ]);
    await revokeSession(me, { sessionId: botSession.id });
    expect(await listSecurityAlerts(me)).toEqual([]);
  });

  test('live sessions from more than three addresses', async () => {
    const email = uniqueEmail();
    const addresses = ['127.0.0.1', '127.0.0.2', '127.0.0.3', '127.0.0.4'];
    const [first, ...others] = addresses.map((a) => fromAddress(server, a));
    await signUp(first as Janua, { email, password: PASSWORD });
    // Three addresses are not enough.
    for (const janua of others.slice(0, 2)) await signIn(janua, { email, password: PASSWORD });
    expect((await listSecurityAlerts(first as Janua)).map((a) => a.type)).toEqual([]);
    await signIn(others[2] as Janua, { email, password: PASSWORD });
    const [alert, ...rest] = await listSecurityAlerts(first as Janua);
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({ type: 'multiple_locations', severity: 'warning', sessionIds: [] });
    expect(alert?.locations.sort()).toEqual(addresses);
  });

  test('sessions older than 30 days (server clock), and a stale access token is refreshed on the way', async () => {
    // Refresh tokens must outlive 30 days for such a session to exist.
    const long = await startDevServer({ refreshTokenTtl: 90 * 86_400 });
    try {
      const janua = make(long);
      await signUp(janua, { email: uniqueEmail(), password: PASSWORD });
      const { id } = await getCurrentSession(janua);
      long.advanceClock(29 * 86_400_000);
      expect(await listSecurityAlerts(janua)).toEqual([]);
      long.advanceClock(2 * 86_400_000);
      expect(await listSecurityAlerts(janua)).toEqual([
        {
          type: 'old_sessions',
          severity: 'info',
          message: '1 session(s) older than 30 days',
          locations: [],
          sessionIds: [id],
        },
      ]);
      // The 8-hour access token had expired on the server's clock: refreshed once per jump.
      expect(long.requests('POST', '/api/v1/auth/refresh').map((r) => r.status)).toEqual([200, 200]);
    } finally {
      await long.close();
    }
  });
});
