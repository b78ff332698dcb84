import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { NetworkError, request, TimeoutError } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addFault, rejectionOf, TRANSPORTS } from './helpers';

// Transport-level behaviour the dev server cannot produce: a server that sends the headers of a
// 200 and then stalls the body. The timeout and the caller's signal must cover the body too.
let stalling: Server;
let base = '';
beforeAll(async () => {
  stalling = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
    res.write('{"a":');
  });
  await new Promise<void>((r) => stalling.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(stalling.address() as AddressInfo).port}`;
});
afterAll(() => {
  stalling.closeAllConnections();
  stalling.close();
});

describe.each(TRANSPORTS)('a stalled body: %s', (_name, make) => {
  test('the timeout covers reading the body', async () => {
    const janua = make({ baseUrl: base, env: {}, timeout: 300, maxRetries: 0 });
    // Twice: the first call on Node goes through fetch while undici loads, the second through undici.
    for (let i = 0; i < 2; i++) {
      const started = Date.now();
      const error = await rejectionOf(request(janua, { method: 'GET', path: '/stall', auth: 'none' }));
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error.code).toBe('TIMEOUT');
      expect(Date.now() - started).toBeLessThan(2000);
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  test("the caller's signal cancels a body that is being read", async () => {
    const janua = make({ baseUrl: base, env: {}, timeout: 0, maxRetries: 0 });
    for (let i = 0; i < 2; i++) {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 200);
      const started = Date.now();
      const error = await rejectionOf(
        request(janua, { method: 'GET', path: '/stall', auth: 'none', signal: controller.signal }),
      );
      expect(error).toBeInstanceOf(NetworkError);
      expect(error.code).toBe('ABORTED');
      expect(Date.now() - started).toBeLessThan(2000);
    }
  });
});

describe('process lifetime', () => {
  let server: DevServer;
  beforeAll(async () => {
    server = await startDevServer();
  });
  afterAll(() => server.close());

  test('a Node script waits for the retry after a 503 instead of exiting mid-call', async () => {
    // The script imports the real Node entry (bundled from source, undici left external) and runs
    // in its own process: the backoff timer is the only thing keeping that process alive.
    const bundle = join(tmpdir(), `janua-lifetime-${process.pid}.mjs`);
    await build({
      entryPoints: [fileURLToPath(new URL('../src/entry/node.ts', import.meta.url))],
      bundle: true,
      format: 'esm',
      platform: 'node',
      external: ['undici'],
      outfile: bundle,
      logLevel: 'silent',
    });
    const script = join(tmpdir(), `janua-lifetime-${process.pid}-main.mjs`);
    writeFileSync(
      script,
      `import { createJanua, request } from ${JSON.stringify(bundle)};
const janua = createJanua({ baseUrl: process.env.BASE, env: {}, maxRetries: 2 });
const health = await request(janua, { method: 'GET', path: '/health', root: true, auth: 'none' });
console.log('settled', health.status);
`,
    );
    try {
      await addFault(server, { method: 'GET', path: '/health', status: 503, times: 1 });
      const { stdout } = await promisify(execFile)(process.execPath, [script], {
        env: { ...process.env, BASE: server.url },
      });
      expect(stdout.trim()).toBe('settled healthy');
      expect(server.requests('GET', '/health')).toHaveLength(2);
    } finally {
      rmSync(bundle, { force: true });
      rmSync(script, { force: true });
    }
  });
});
