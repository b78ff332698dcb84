// The verify entry on an edge runtime: the real workerd binary runs a worker bundled from
// src/verify.ts (workerd conditions), and the dev server delivers a signed sign-up event to it.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createEndpoint, listDeliveries, updateEndpoint } from '../src/index';
import { admin, drain, newUser } from './helpers';

const WORKER = `
import { constructWebhookEvent, verifyWebhookSignature } from ${JSON.stringify(fileURLToPath(new URL('../src/verify.ts', import.meta.url)))};
const SECRET = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
const PAYLOAD = ${JSON.stringify(
  '{"id":"7b0c2f9e-1d5a-4c3b-9e8f-0a1b2c3d4e5f","type":"user.created","created_at":"2026-01-01T00:00:00","data":{"id":"5f6e7d8c-9b0a-4123-8456-789abcdef012","email":"ada@example.com","first_name":"Ada","last_name":"Lovelace","username":null,"created_at":"2026-01-01T00:00:00"},"object":"user","api_version":"v1"}',
)};
export default {
  async fetch(request, env) {
    if (request.method === 'GET') {
      const v = (signature, payload = PAYLOAD) => verifyWebhookSignature({ payload, signature, secret: SECRET });
      return Response.json({
        vector: await v('cbac5f88500251eac30b02f45fc9d2c59e4d6aba60b43e1f188d9a84753c565d'),
        bytes: await v('cbac5f88500251eac30b02f45fc9d2c59e4d6aba60b43e1f188d9a84753c565d', new TextEncoder().encode(PAYLOAD)),
        negative: await v('964fe7a4e5642763cb73d67a0733d85684e3629755ac7b8dd99ebaac84b38406'),
        known: await verifyWebhookSignature({ payload: 'hello', secret: 'test-secret',
          signature: 'bcc889a40667cab715e1dc22ad280692cf4bf1c3a280eeeca60d8dbcd8e4b993' }),
      });
    }
    try {
      const event = await constructWebhookEvent({ payload: await request.arrayBuffer(), headers: request.headers, secret: env.SECRET });
      return new Response('verified ' + event.type + ' ' + event.data.email);
    } catch (err) {
      return new Response(err.name + ' ' + err.code, { status: 400 });
    }
  },
};
`;

let server: DevServer;
let dir: string;
let workerd: ChildProcess | undefined;
beforeAll(async () => {
  server = await startDevServer({ webhookRetryDelaysMs: [50, 100], scryptN: 1024 });
  dir = mkdtempSync(join(tmpdir(), 'janua-workerd-'));
});
afterAll(async () => {
  workerd?.kill();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

async function startWorkerd(secret: string): Promise<string> {
  const bundle = await build({
    stdin: { contents: WORKER, resolveDir: dir, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker'],
    write: false,
    logLevel: 'silent',
  });
  writeFileSync(join(dir, 'worker.js'), bundle.outputFiles[0]?.text ?? '');
  const port = await freePort();
  writeFileSync(
    join(dir, 'config.capnp'),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [ (name = "worker", esModule = embed "worker.js") ],
  bindings = [ (name = "SECRET", text = "${secret}") ],
  compatibilityDate = "2025-01-01",
);`,
  );
  const bin = fileURLToPath(new URL('../../../node_modules/.bin/workerd', import.meta.url));
  workerd = spawn(bin, ['serve', join(dir, 'config.capnp')], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(url).then(
        () => true,
        () => false,
      )
    )
      return url;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('workerd did not start');
}

test('on workerd: the §5.3 vector, its negative control, and a real delivery from the dev server', async () => {
  const janua = await admin(server);
  const endpoint = await createEndpoint(janua, { url: 'http://127.0.0.1:9/placeholder', events: ['user.created'] });
  const url = await startWorkerd(endpoint.secret);

  expect(await (await fetch(url)).json()).toEqual({ vector: true, bytes: true, negative: false, known: true });

  await updateEndpoint(janua, { endpointId: endpoint.id, url });
  const { email } = await newUser(server, 'edge');
  expect(await drain(server)).toMatchObject({ delivered: 1, failed: 0 });
  const [delivery] = (await listDeliveries(janua, { endpointId: endpoint.id, limit: 1 })).data;
  expect(delivery).toMatchObject({
    status: 'delivered',
    statusCode: 200,
    responseBody: `verified user.created ${email}`,
  });

  const forged = await fetch(url, { method: 'POST', body: '{}', headers: { 'x-webhook-signature': 'ab'.repeat(32) } });
  expect(forged.status).toBe(400);
  expect(await forged.text()).toBe('WebhookVerificationError invalid_signature');
});
