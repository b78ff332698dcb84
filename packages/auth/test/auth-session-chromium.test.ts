// Cookie mode in real Chromium: a browser that holds only the HttpOnly `access_token` cookie of an
// OAuth/SSO callback has no tokens in the SDK, so getAuthSession must send no bearer token and
// let `fetch` attach the cookie. That works only on the API's own origin (fetch's default
// credentials are `same-origin`; core adds no `credentials: 'include'`), so both origins are tried.
// The page is the browser build of core plus getAuthSession, bundled from source.
import { fileURLToPath } from 'node:url';
import { createJanua, getTokens } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { bundleForBrowser, launchChromium, PAGE_HTML, servePage } from '../../../test-support/browser-page';
import { signUp } from '../src/index';
import { PASSWORD, uniqueEmail } from './helpers';

const SESSION = '/api/v1/auth/session';

type Outcome = { email?: string; expiresAt?: number; error?: string; code?: string; status?: number; message?: string };

let server: DevServer;
let browser: Browser;
let script: string;
let pages: Awaited<ReturnType<typeof servePage>>;

async function bundlePage(): Promise<string> {
  const entry = fileURLToPath(new URL('../src/get-auth-session.ts', import.meta.url));
  return bundleForBrowser(`
        import { createJanua } from '@janua/core';
        import { getAuthSession } from ${JSON.stringify(entry)};
        window.whoAmI = async (baseUrl) => {
          try {
            const s = await getAuthSession(createJanua({ baseUrl }));
            return { email: s.user.email, expiresAt: s.expiresAt.getTime() };
          } catch (err) {
            return { error: err.name, code: err.code, status: err.status, message: err.message };
          }
        };`);
}

beforeAll(async () => {
  server = await startDevServer();
  script = await bundlePage();
  browser = await launchChromium();
  // The other origin is a real loopback server: a page Chromium did not load from the network
  // counts as public, and its calls to loopback would be blocked (Private Network Access) before
  // any cookie question arises.
  pages = await servePage(script);
});

afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await server?.close();
});

/**
 * A tab on `origin` holding the HttpOnly cookie the API's callbacks set, for the API's host. On
 * the API's origin the test answers the page's own URL in the browser (the API calls are real).
 */
async function tab(origin: string, accessToken: string | null): Promise<{ page: Page; close: () => Promise<void> }> {
  const ctx = await browser.newContext();
  if (accessToken) {
    await ctx.addCookies([
      { name: 'access_token', value: accessToken, url: server.url, httpOnly: true, sameSite: 'Lax' },
    ]);
  }
  const page = await ctx.newPage();
  if (origin === server.url) {
    await page.route(`${origin}/app/**`, (route) =>
      route.fulfill(
        route.request().url().endsWith('.js')
          ? { contentType: 'text/javascript', body: script }
          : { contentType: 'text/html', body: PAGE_HTML },
      ),
    );
  }
  await page.goto(`${origin}/app/`);
  await page.waitForFunction(() => typeof (window as { whoAmI?: unknown }).whoAmI === 'function');
  return { page, close: () => ctx.close() };
}

const whoAmI = (page: Page) =>
  page.evaluate((url) => (window as unknown as { whoAmI(u: string): Promise<Outcome> }).whoAmI(url), server.url);

async function cookieOfNewUser(): Promise<{ email: string; accessToken: string }> {
  const janua = createJanua({ baseUrl: server.url, env: {} });
  const email = uniqueEmail();
  await signUp(janua, { email, password: PASSWORD });
  return { email, accessToken: (await getTokens(janua))?.accessToken as string };
}

test('same origin, only the HttpOnly cookie: the session resolves, no Authorization header is sent', async () => {
  const { email, accessToken } = await cookieOfNewUser();
  const { page, close } = await tab(server.url, accessToken);
  try {
    expect(await page.evaluate(() => document.cookie)).not.toContain('access_token');
    const before = server.requests('GET', SESSION).length;
    const result = await whoAmI(page);
    expect(result.email).toBe(email);
    expect(result.expiresAt).toBeGreaterThan(Date.now());
    const sent = server.requests('GET', SESSION).slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ status: 200, authorization: false });
  } finally {
    await close();
  }
});

test('same origin, no cookie: the server’s 401 as AuthenticationError', async () => {
  const { page, close } = await tab(server.url, null);
  try {
    expect(await whoAmI(page)).toEqual({
      error: 'AuthenticationError',
      code: 'HTTP_ERROR',
      status: 401,
      message: 'No session cookie or bearer token found',
    });
  } finally {
    await close();
  }
});

test('another origin: fetch does not attach the API’s cookie, so the call is a 401', async () => {
  const { accessToken } = await cookieOfNewUser();
  const { page, close } = await tab(pages.origin, accessToken);
  try {
    const before = server.requests('GET', SESSION).length;
    expect(await whoAmI(page)).toMatchObject({
      error: 'AuthenticationError',
      status: 401,
      message: 'No session cookie or bearer token found',
    });
    expect(server.requests('GET', SESSION).slice(before)).toMatchObject([{ status: 401, authorization: false }]);
  } finally {
    await close();
  }
});
