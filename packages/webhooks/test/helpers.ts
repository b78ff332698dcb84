import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signIn, signUp } from '@janua/auth';
import { createJanua, type Janua } from '@janua/core';
import type { DevServer } from '@janua/dev-server';
import { TEST_PASSWORD as PASSWORD, rejectionOf, uniqueEmail } from '@janua/dev-server/testing';

/** A fresh signed-up user's instance. */
export async function newUser(server: DevServer, tag = 'user'): Promise<{ janua: Janua; email: string }> {
  const janua = createJanua({ baseUrl: server.url, env: {} });
  const email = uniqueEmail(tag);
  await signUp(janua, { email, password: PASSWORD, firstName: 'Ada', lastName: 'Lovelace' });
  return { janua, email };
}

/** The seeded platform admin, signed in. */
export async function admin(server: DevServer): Promise<Janua> {
  const janua = createJanua({ baseUrl: server.url, env: {} });
  await signIn(janua, { email: server.admin.email, password: server.admin.password });
  return janua;
}

export interface Captured {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/**
 * A real local receiver that records every request. `respond` picks the status per request
 * (default 200); it may also stall.
 */
export async function startCapture(respond: (n: number, req: Captured) => number | Promise<number> = () => 200) {
  const requests: Captured[] = [];
  const waiting: { count: number; resolve: () => void }[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const captured = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
    requests.push(captured);
    for (const w of waiting.filter((w) => requests.length >= w.count)) w.resolve();
    const status = await respond(requests.length, captured);
    res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : `nope ${status}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    requests,
    /** Resolves once `count` requests have arrived. */
    received(count: number): Promise<void> {
      if (requests.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiting.push({ count, resolve }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** `POST /__dev/webhooks/drain`: waits for the delivery queue to empty. */
export async function drain(server: DevServer): Promise<{ delivered: number; failed: number }> {
  const res = await fetch(`${server.url}/__dev/webhooks/drain`, { method: 'POST' });
  if (res.status !== 200) throw new Error(`drain answered ${res.status}`);
  return res.json() as Promise<{ delivered: number; failed: number }>;
}

export { addFault } from '@janua/dev-server/testing';

export { PASSWORD, rejectionOf, uniqueEmail };
