import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type Browser, chromium } from 'playwright-core';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'];

/** Debian's Chromium (installed by scripts/setup-chromium.sh), headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * Bundles a page script for the browser as an app's bundler would (`browser` condition), from
 * source: tests run on sources, so `@janua/core` is core's browser entry in src, not its dist.
 */
export async function bundleForBrowser(contents: string): Promise<string> {
  const core = fileURLToPath(new URL('../packages/core/src/entry/browser.ts', import.meta.url));
  const result = await build({
    stdin: { contents, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['browser'],
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    plugins: [
      { name: 'core-from-source', setup: (b) => b.onResolve({ filter: /^@janua\/core$/ }, () => ({ path: core })) },
    ],
  });
  return result.outputFiles[0]?.text ?? '';
}

/** The page HTML that loads `script` from any path ending in `app.js` next to it. */
export const PAGE_HTML = '<!doctype html><script type="module" src="app.js"></script>';

/**
 * Serves the page on a real loopback origin (`http://localhost:<port>`): every `*.js` path is the
 * script, anything else {@link PAGE_HTML}. A page Chromium loads from the network is not "public",
 * so its calls to the loopback API are not blocked by Private Network Access.
 */
export async function servePage(script: string): Promise<{ origin: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const js = req.url?.split('?')[0]?.endsWith('.js');
    res.writeHead(200, { 'content-type': js ? 'text/javascript' : 'text/html' });
    res.end(js ? script : PAGE_HTML);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    origin: `http://localhost:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}
