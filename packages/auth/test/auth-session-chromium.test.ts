// Cookie mode in real Chromium: a browser that holds only the HttpOnly `access_token` cookie of an
// OAuth/SSO callback has no tokens in the SDK, so getAuthSession must send no bearer token and
// let `fetch` attach the cookie. That works only on the API's own origin (fetch's default
// credentials are `same-origin`; core adds no `credentials: 'include'`), so both origins are tried.
// The page is the browser build of core plus getAuthSession, bundled from source.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createJanua, getTokens } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { build, type Plugin } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { signUp } from '../src/index';
import { PASSWORD, uniqueEmail } from './helpers';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'];
const SESSION = '/api/v1/auth/session';

type Outcome = { email?: string; expiresAt?: number; error?: string; code?: string; status?: number; message?: string };

let server: DevServer;
let browser: Browser;
let script: string;
let pages: Server;
let pagesOrigin: string;
const HTML = '<!doctype html><script type="module" src="/app/app.js"></script>';

// Tests run on sources: the page gets core's browser entry, as a browser bundler would pick it.
const coreFromSource: Plugin = {
  name: 'core-from-source',
  setup(b) {
    b.onResolve({ filter: /^@janua\/core$/ }, () => ({
      path: fileURLToPath(new URL('../../core/src/entry/browser.ts', import.meta.url)),
    }));
  },
};

async function bundlePage(): Promise<string> {
  const entry = fileURLToPath(new URL('../src/get-auth-session.ts', import.meta.url));
  const core = fileURLToPath(new URL('../../core/src/entry/browser.ts', import.meta.url));
  const result = await build({
    stdin: {
      contents: `
        import { createJanua } from ${JSON.stringify(core)};
        import { getAuthSession } from ${JSON.stringify(entry)};
        window.whoAmI = async (baseUrl) => {
          try {
            const s = await getAuthSession(createJanua({ baseUrl }));
            return { email: s.user.email, expiresAt: s.expiresAt.getTime() };
          } catch (err) {
            return { error: err.name, code: err.code, status: err.status, message: err.message };
          }
        };`,
      resolveDir: fileURLToPath(new URL('.', import.meta.url)),
      loader: 'js',
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['browser'],
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    plugins: [coreFromSource],
  });
  return result.outputFiles[0]?.text ?? '';
}

beforeAll(async () => {
  server = await startDevServer();
  script = await bundlePage();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  // The other origin is a real loopback server: a page Chromium did not load from the network
  // counts as public, and its calls to loopback would be blocked (Private Network Access) before
  // any cookie question arises.
  pages = createServer((req, res) => {
    const js = req.url?.endsWith('.js');
    res.writeHead(200, { 'content-type': js ? 'text/javascript' : 'text/html' });
    res.end(js ? script : HTML);
  });
  await new Promise<void>((r) => pages.listen(0, '127.0.0.1', r));
  pagesOrigin = `http://localhost:${(pages.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await browser?.close();
  pages?.closeAllConnections();
  await new Promise((r) => pages?.close(r));
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
          : { contentType: 'text/html', body: HTML },
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
  const { page, close } = await tab(pagesOrigin, accessToken);
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
