// Contract §3.2: refresh is single-flight "across tabs where storage is shared". Two real Chromium
// tabs share one localStorage session whose access token is due; both call the API at once. The
// localStorage store's lock (Web Locks) must let exactly one tab refresh: a second refresh would
// present the rotated-away refresh token, and the server revokes the whole family on reuse.
import { createJanua, request } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { bundleForBrowser, launchChromium, servePage } from '../../../test-support/browser-page';
import { addFault, PASSWORD, uniqueEmail } from './helpers';

const KEY = 'janua.tokens';
const REFRESH = '/api/v1/auth/refresh';

type TabResult = { email?: string; error?: string; code?: string };

let server: DevServer;
let pages: Awaited<ReturnType<typeof servePage>>;
let browser: Browser;

/** The page's script: the browser build of core from source, exposing one call to the test. */
function bundlePage(): Promise<string> {
  return bundleForBrowser(`
        import { createJanua, createLocalStorageTokenStore, request } from '@janua/core';
        window.getMe = async (baseUrl) => {
          const janua = createJanua({ baseUrl, tokenStorage: createLocalStorageTokenStore() });
          try {
            return { email: (await request(janua, { method: 'GET', path: '/auth/me' })).email };
          } catch (err) {
            return { error: err.name, code: err.code };
          }
        };`);
}

beforeAll(async () => {
  server = await startDevServer();
  pages = await servePage(await bundlePage());
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await server?.close();
});

/** A user signed up from Node; returns the tokens a tab would have persisted, already due. */
async function dueSession(): Promise<{ email: string; stored: string }> {
  const email = uniqueEmail();
  const janua = createJanua({ baseUrl: server.url, env: {} });
  const res = await request<{ tokens: { access_token: string; refresh_token: string } }>(janua, {
    method: 'POST',
    path: '/auth/signup',
    body: { email, password: PASSWORD },
    auth: 'none',
  });
  const stored = JSON.stringify({
    accessToken: res.tokens.access_token,
    refreshToken: res.tokens.refresh_token,
    // Inside the 60 s refresh-ahead window, so every call refreshes first.
    expiresAt: Date.now() + 5_000,
  });
  return { email, stored };
}

async function openTab(ctx: BrowserContext): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(`${pages.origin}/`);
  await page.waitForFunction(() => typeof (window as { getMe?: unknown }).getMe === 'function');
  return page;
}

const getMe = (page: Page) =>
  page.evaluate((url) => (window as unknown as { getMe(u: string): Promise<TabResult> }).getMe(url), server.url);

// Three rounds, each with a fresh session: the hand-over race (a tab granted the lock before the
// holder's write reached its copy of localStorage) shows only in some runs, so one round would
// prove little.
test('two tabs sharing a due session refresh once, and both calls succeed', async () => {
  // One context: its tabs share localStorage and Web Locks, like one browser profile.
  const ctx = await browser.newContext();
  try {
    const [a, b] = [await openTab(ctx), await openTab(ctx)];
    for (let round = 0; round < 3; round++) {
      const { email, stored } = await dueSession();
      await a.evaluate(([key, value]) => localStorage.setItem(key, value), [KEY, stored] as const);
      // A slow refresh keeps the first tab's refresh in flight while the second tab asks.
      await addFault(server, { method: 'POST', path: REFRESH, delay_ms: 300, times: 1 });
      const before = server.requests('POST', REFRESH).length;

      const results = await Promise.all([getMe(a), getMe(b)]);

      expect(results).toEqual([{ email }, { email }]);
      expect(server.requests('POST', REFRESH).length - before).toBe(1);
      const after = JSON.parse((await b.evaluate((key) => localStorage.getItem(key), KEY)) ?? 'null');
      expect(after.refreshToken).not.toBe(JSON.parse(stored).refreshToken);
      // The family was not revoked: the rotated session keeps working in both tabs.
      expect(await getMe(a)).toEqual({ email });
      expect(await getMe(b)).toEqual({ email });
    }
  } finally {
    await ctx.close();
  }
});
