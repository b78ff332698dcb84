// End to end in real headless Chromium: the example page (built packages, bundled for the
// browser) against a real dev server, with Chromium's CDP virtual authenticator standing in for
// the user's device. Needs /usr/bin/chromium (scripts/setup-chromium.sh) and `pnpm build`.
import { randomUUID } from 'node:crypto';
import { type Browser, type BrowserContext, type CDPSession, chromium, type Page, type Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startExample } from '../server.mjs';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const PASSWORD = 'Correct-Horse-9!';
// The page's steps include scrypt and a Chromium ceremony; on a busy 2-core machine running the
// whole suite they can take seconds, far beyond expect.poll's 1 s default.
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 50 });
const VERIFY = '/api/v1/passkeys/authenticate/verify';

let example: Awaited<ReturnType<typeof startExample>>;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  example = await startExample({ port: 0 });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
afterEach(async () => {
  for (const ctx of contexts.splice(0)) await ctx.close();
});
afterAll(async () => {
  await browser?.close();
  await example?.close();
});

/** A fresh browser profile with one virtual platform authenticator, on the example page. */
async function open(query = '?autofill=0'): Promise<{ page: Page; cdp: CDPSession; authenticatorId: string }> {
  const ctx = await browser.newContext();
  contexts.push(ctx);
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  await page.goto(example.url + query);
  await eventually(() => page.textContent('#status')).toBe('Signed out');
  return { page, cdp, authenticatorId };
}

const statusOf = (page: Page) => page.textContent('#status');
const errorOf = (page: Page) =>
  page.evaluate(() => {
    const el = document.getElementById('error') as HTMLElement;
    return { text: el.textContent ?? '', name: el.dataset.name, code: el.dataset.code };
  });

/** Signs up, adds a passkey and signs out; with `autofill`, the page signs straight back in. */
async function signUpWithPasskey(page: Page, autofill = false): Promise<string> {
  const email = `ada-${randomUUID().slice(0, 8)}@example.test`;
  await page.fill('#sign-up-email', email);
  await page.fill('#sign-up-password', PASSWORD);
  await page.click('#sign-up');
  await eventually(() => statusOf(page)).toBe(`Signed up as ${email}`);
  await page.click('#add-passkey');
  await eventually(() => statusOf(page)).toBe('Passkey added');
  await page.click('#sign-out');
  if (!autofill) await eventually(() => statusOf(page)).toBe('Signed out');
  return email;
}

/** Flips the last byte of a base64url string's decoded bytes. */
function flipLastByte(b64u: string): string {
  const bytes = Buffer.from(b64u, 'base64url');
  bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 0x01;
  return bytes.toString('base64url');
}

describe('example page in Chromium with a virtual authenticator', () => {
  test('sign up, add a passkey, sign out, sign back in; tampered and replayed assertions are rejected', async () => {
    const { page } = await open();
    const email = await signUpWithPasskey(page);
    const user = example.api.dev.db.prepare('SELECT id FROM users WHERE email = ?').get(email) as { id: string };
    const stored = example.api.dev.db
      .prepare('SELECT credential_id, sign_count, fmt, authenticator_attachment FROM passkeys WHERE user_id = ?')
      .all(user.id) as { credential_id: string; sign_count: number; fmt: string; authenticator_attachment: string }[];
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ fmt: 'none', authenticator_attachment: 'platform' });

    // Sign back in with the passkey (modal prompt, limited to this account's passkeys).
    const verifies: { url: string; body: string }[] = [];
    page.on('request', (req) => {
      if (new URL(req.url()).pathname === VERIFY) verifies.push({ url: req.url(), body: req.postData() ?? '' });
    });
    await page.fill('#passkey-email', email);
    await page.click('#passkey-sign-in');
    await eventually(() => statusOf(page)).toBe(`Signed in with a passkey as ${email}`);
    expect(await page.locator('#passkeys li').count()).toBe(1);
    expect(await page.evaluate(() => localStorage.getItem('janua.example.tokens'))).toContain('accessToken');
    expect(verifies).toHaveLength(1);
    const first = verifies[0] as { url: string; body: string };
    const firstBody = JSON.parse(first.body);
    // The SDK echoes the challenge in the query and binds it with session_id (contract §4.7).
    expect(new URL(first.url).searchParams.get('challenge')).toBe(
      JSON.parse(Buffer.from(firstBody.credential.response.clientDataJSON, 'base64url').toString()).challenge,
    );
    expect(firstBody.session_id).toMatch(/^[0-9a-f-]{36}$/);
    const signCount = () =>
      (
        example.api.dev.db.prepare('SELECT sign_count FROM passkeys WHERE user_id = ?').get(user.id) as {
          sign_count: number;
        }
      ).sign_count;
    const countAfterSignIn = signCount();
    await page.click('#sign-out');
    await eventually(() => statusOf(page)).toBe('Signed out');

    // Replay: the second ceremony's request is swapped for the first (already verified) one.
    const replay = async (route: Route) => route.continue({ url: first.url, postData: first.body });
    await page.route(`**${VERIFY}*`, replay);
    await page.click('#passkey-sign-in');
    await eventually(async () => (await errorOf(page)).text).not.toBe('');
    expect(await errorOf(page)).toEqual({
      text: 'ValidationError (HTTP_ERROR): Authentication challenge expired or not found',
      name: 'ValidationError',
      code: 'HTTP_ERROR',
    });
    expect(await statusOf(page)).toBe('Signed out');
    await page.unroute(`**${VERIFY}*`, replay);

    // Tamper: the browser's fresh assertion reaches the server with one signature bit flipped.
    const tamper = async (route: Route) => {
      const body = JSON.parse(route.request().postData() ?? '{}');
      body.credential.response.signature = flipLastByte(body.credential.response.signature);
      await route.continue({ postData: JSON.stringify(body) });
    };
    await page.route(`**${VERIFY}*`, tamper);
    await page.click('#passkey-sign-in');
    await expect
      .poll(async () => (await errorOf(page)).text)
      .toBe('ValidationError (HTTP_ERROR): Authentication verification failed: signature is invalid');
    expect(await statusOf(page)).toBe('Signed out');
    expect(await page.evaluate(() => localStorage.getItem('janua.example.tokens'))).toBeNull();
    await page.unroute(`**${VERIFY}*`, tamper);

    // Neither rejected attempt touched the stored counter; an honest sign-in (no email:
    // discoverable credential) still works.
    expect(signCount()).toBe(countAfterSignIn);
    await page.fill('#passkey-email', '');
    await page.click('#passkey-sign-in');
    await eventually(() => statusOf(page)).toBe(`Signed in with a passkey as ${email}`);
    expect(example.api.requests('POST', VERIFY).map((r) => r.status)).toContain(400);
  });

  test('conditional UI: after sign-out the passkey is offered through autofill and signs in', async () => {
    const { page } = await open('');
    const signedIn = example.api.requests('POST', VERIFY).length;
    // Chromium's virtual authenticator answers the conditional request as soon as the page
    // offers it, as a user picking the passkey from the email field's autofill list would.
    const email = await signUpWithPasskey(page, true);
    await eventually(() => statusOf(page)).toBe(`Signed in with a passkey (autofill) as ${email}`);
    expect(await errorOf(page)).toMatchObject({ text: '' });
    expect(
      example.api
        .requests('POST', VERIFY)
        .slice(signedIn)
        .map((r) => r.status),
    ).toEqual([200]);
  });

  test("the browser's own failures become PasskeyErrors with a code, never raw DOMExceptions", async () => {
    const { page, cdp, authenticatorId } = await open();
    const email = await signUpWithPasskey(page);
    await page.fill('#passkey-email', email);
    await page.click('#passkey-sign-in');
    await eventually(() => statusOf(page)).toBe(`Signed in with a passkey as ${email}`);

    // Same authenticator again: excludeCredentials makes the browser refuse (InvalidStateError).
    await page.click('#add-passkey');
    await eventually(async () => (await errorOf(page)).code).toBe('invalid_state');
    expect((await errorOf(page)).name).toBe('PasskeyError');

    const attempt = (conditionalAbortMs?: number) =>
      page.evaluate(async (abortMs) => {
        const { demo } = window as unknown as {
          demo: {
            janua: unknown;
            signInWithPasskey: (j: unknown, p: object, o: object) => Promise<unknown>;
            PasskeyError: new (...a: never[]) => Error;
          };
        };
        const controller = new AbortController();
        if (abortMs !== undefined) setTimeout(() => controller.abort(), abortMs);
        try {
          await demo.signInWithPasskey(demo.janua, {}, { signal: controller.signal });
          return null;
        } catch (err) {
          const e = err as Error & { code?: string; status?: number; cause?: { name?: string } };
          return {
            isPasskeyError: e instanceof demo.PasskeyError,
            isDomException: e instanceof DOMException,
            name: e.name,
            code: e.code,
            status: e.status,
            cause: e.cause?.name,
          };
        }
      }, conditionalAbortMs);

    // The user (here: the authenticator) never answers, and the app gives up: `cancelled`.
    await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled: false });
    expect(await attempt(300)).toEqual({
      isPasskeyError: true,
      isDomException: false,
      name: 'PasskeyError',
      code: 'cancelled',
      status: 0,
      cause: 'AbortError',
    });
    await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled: true });

    // No passkey on this device any more: the browser refuses (NotAllowedError) → `not_allowed`.
    await cdp.send('WebAuthn.clearCredentials', { authenticatorId });
    expect(await attempt()).toEqual({
      isPasskeyError: true,
      isDomException: false,
      name: 'PasskeyError',
      code: 'not_allowed',
      status: 0,
      cause: 'NotAllowedError',
    });
  });
});
