// One command: starts a Janua dev server and a tiny static server for the example page, whose
// script is bundled on start with esbuild (browser platform, so @janua/core resolves to its
// browser build). Open the printed http://localhost URL: WebAuthn needs a secure context, and
// `localhost` is one over plain http; the dev server's rpId is `localhost`.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { startDevServer } from '@janua/dev-server';
import { build } from 'esbuild';

const here = (/** @type {string} */ path) => fileURLToPath(new URL(path, import.meta.url));

/** Bundles src/app.ts against the built packages (run `pnpm build` first). */
export async function bundlePage() {
  try {
    const result = await build({
      entryPoints: [here('./src/app.ts')],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
    });
    return result.outputFiles?.[0]?.text ?? '';
  } catch (err) {
    throw new Error(`Could not bundle the page; did you run \`pnpm build\`? ${/** @type {Error} */ (err).message}`, {
      cause: err,
    });
  }
}

/**
 * Starts the dev server (on a free port unless `apiPort` is given) and the page server.
 * @param {{ port?: number, apiPort?: number }} [options]
 */
export async function startExample(options = {}) {
  const [html, js] = await Promise.all([readFile(here('./src/index.html'), 'utf8'), bundlePage()]);
  const api = await startDevServer({ port: options.apiPort ?? 0 });
  const page = html.replace('%JANUA_URL%', api.url);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/' || path === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(page);
    } else if (path === '/app.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      res.end(js);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not found');
    }
  });
  try {
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 5173, '127.0.0.1', () => resolve(undefined));
    });
  } catch (err) {
    await api.close();
    throw err;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    /** The page, on `localhost` (a secure context, and the dev server's rpId). */
    url: `http://localhost:${port}/`,
    api,
    async close() {
      await new Promise((resolve) => {
        server.close(() => resolve(undefined));
        server.closeAllConnections();
      });
      await api.close();
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const example = await startExample({ port: Number(process.env.PORT ?? 5173) });
  console.log(`Janua dev server ${example.api.url}`);
  console.log(`Open ${example.url} : sign up, add a passkey, sign out, sign back in with it.`);
  const stop = () => example.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
