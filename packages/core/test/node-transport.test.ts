import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from 'vitest';
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
      const res = await transport({ url, method: 'GET', headers: {}, signal: new AbortController().signal });
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
