import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from 'vitest';
import { createJanua } from '../src/entry/create-janua-node';
import type { NetworkError } from '../src/errors/network-error';
import { request } from '../src/request';
import { createNodeTransport } from '../src/transport/node';

// Transport-level test against a real local server: which client sent each request shows in its
// User-Agent (Node's fetch sends "node"; undici's request() sends none).
test('the Node transport answers the first request with fetch, then switches to the undici pool', async () => {
  const agents: (string | undefined)[] = [];
  const server = createServer((req, res) => {
    agents.push(req.headers['user-agent']);
    res.setHeader('content-type', 'application/json');
    res.end('{"ok":true}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
    const transport = createNodeTransport();
    const send = async () => {
      const res = await transport({ url, method: 'GET', headers: {}, timeout: 0 });
      expect(JSON.parse(await res.text())).toEqual({ ok: true });
    };
    await send();
    await expect
      .poll(async () => {
        await send();
        return agents.at(-1);
      })
      .toBeUndefined();
    await send();
    expect(agents.at(-1)).toBeUndefined();
    expect(agents.filter((a) => a !== undefined).every((a) => a === 'node')).toBe(true);
  } finally {
    server.close();
  }
});

test('once on undici, the Node transport times out, aborts and reports the reason phrase', async () => {
  let agent: string | undefined;
  const server = createServer((req, res) => {
    agent = req.headers['user-agent'];
    if (req.url === '/slow') {
      setTimeout(() => res.end('{}'), 1500);
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const transport = createNodeTransport();
    // Until undici has loaded, fetch serves: wait for the switch (no User-Agent means undici).
    const missing = () => transport({ url: `${base}/missing`, method: 'GET', headers: {}, timeout: 0 });
    await expect
      .poll(async () => {
        await (await missing()).discard();
        return agent;
      })
      .toBeUndefined();
    const notFound = await missing();
    expect([notFound.status, notFound.statusText]).toEqual([404, 'Not Found']);

    let started = Date.now();
    const timedOut = await transport({ url: `${base}/slow`, method: 'GET', headers: {}, timeout: 150 }).catch(
      (err: unknown) => err,
    );
    expect((timedOut as Error).name).toBe('TimeoutError');
    expect(Date.now() - started).toBeLessThan(1000);

    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stop')), 100);
    started = Date.now();
    const aborted = await transport({
      url: `${base}/slow`,
      method: 'GET',
      headers: {},
      timeout: 0,
      signal: controller.signal,
    }).catch((err: unknown) => err);
    expect((aborted as Error).message).toBe('stop');
    expect(Date.now() - started).toBeLessThan(1000);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test('on undici, many calls sharing one signal add one listener to it, and its abort cancels them all', async () => {
  const server = createServer((req, res) => {
    if (req.url === '/slow') {
      setTimeout(() => res.end('{}'), 1500);
      return;
    }
    res.end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.name);
  process.on('warning', onWarning);
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const transport = createNodeTransport();
    const controller = new AbortController();
    const { signal } = controller;
    // The first calls of a process go through fetch while undici loads; wait for undici.
    await transport({ url: `${base}/ok`, method: 'GET', headers: {}, timeout: 0 }).then((r) => r.discard());
    await new Promise((r) => setTimeout(r, 200));
    const ok = await Promise.all(
      Array.from({ length: 20 }, () =>
        transport({ url: `${base}/ok`, method: 'GET', headers: {}, timeout: 0, signal }).then((r) => r.text()),
      ),
    );
    expect(ok).toHaveLength(20);
    const slow = Array.from({ length: 20 }, () =>
      transport({ url: `${base}/slow`, method: 'GET', headers: {}, timeout: 0, signal }).then(
        () => 'answered',
        (err: unknown) => (err as Error).message,
      ),
    );
    setTimeout(() => controller.abort(new Error('stop')), 100);
    expect(new Set(await Promise.all(slow))).toEqual(new Set(['stop']));
    await new Promise((r) => setImmediate(r));
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  } finally {
    process.off('warning', onWarning);
    server.closeAllConnections();
    server.close();
  }
});

test('with an injected fetch, calls sharing one signal still add one listener to it (no leak warning)', async () => {
  const server = createServer((_req, res) => {
    setTimeout(() => res.end('{}'), 1500);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.name);
  process.on('warning', onWarning);
  try {
    let calls = 0;
    const janua = createJanua({
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      apiKey: 'sk_test_x',
      fetch: (input, init) => {
        calls++;
        return fetch(input, init);
      },
    });
    const controller = new AbortController();
    const slow = Array.from({ length: 20 }, () =>
      request(janua, { method: 'GET', path: '/slow', signal: controller.signal }).then(
        () => 'answered',
        (err: unknown) => (err as NetworkError).code,
      ),
    );
    setTimeout(() => controller.abort(new Error('stop')), 100);
    expect(new Set(await Promise.all(slow))).toEqual(new Set(['ABORTED']));
    expect(calls).toBe(20);
    await new Promise((r) => setImmediate(r));
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  } finally {
    process.off('warning', onWarning);
    server.closeAllConnections();
    server.close();
  }
});
