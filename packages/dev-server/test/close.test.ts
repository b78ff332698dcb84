import { expect, test } from 'vitest';
import { startDevServer } from '../src/index';

test('close() lets a request in flight finish, then refuses new ones', async () => {
  const server = await startDevServer();
  // A slow answer stands in for a sign-up still being handled when some callback (a webhook
  // receiver, say) closes the server.
  const fault = await fetch(`${server.url}/__dev/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ method: 'GET', path: '/health', delay_ms: 400, times: 1 }),
  });
  expect(fault.status).toBe(201);
  const inFlight = fetch(`${server.url}/health`).then(async (res) => [res.status, (await res.json()).status]);
  await new Promise((r) => setTimeout(r, 100));
  await server.close();
  expect(await inFlight).toEqual([200, 'healthy']);
  await expect(fetch(`${server.url}/health`)).rejects.toThrow();
});
