// One command: starts the embedded Janua dev server (unless JANUA_BASE_URL is set), builds the
// worker, runs it in real workerd, then walks through sign-up (in Node), /login and /me.
import { signUp } from '@janua/auth';
import { createJanua } from '@janua/core';
import { buildWorker } from './build.mjs';
import { startWorkerd } from './workerd.mjs';

const embedded = process.env.JANUA_BASE_URL ? null : await (await import('@janua/dev-server')).startDevServer();
const baseUrl = process.env.JANUA_BASE_URL ?? embedded.url;
console.log(embedded ? `Started the embedded dev server at ${baseUrl}` : `Using ${baseUrl}`);

let worker;
try {
  const { path, bytes } = await buildWorker();
  console.log(`1. Bundled the worker for workerd: ${path} (${bytes} B minified)`);
  worker = await startWorkerd({ baseUrl });
  console.log(`2. workerd serves the worker at ${worker.url} (pid ${worker.pid})`);

  const email = `edge-${Date.now()}@example.com`;
  const password = 'Correct-Horse-9!';
  await signUp(createJanua({ baseUrl, env: {} }), { email, password });
  console.log(`3. Signed up ${email} through the SDK in Node`);

  const login = await fetch(`${worker.url}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const tokens = await login.json();
  console.log(`4. POST /login → ${login.status}, user ${tokens.user?.id}, access token until ${tokens.expiresAt}`);

  const me = await fetch(`${worker.url}/me`, { headers: { authorization: `Bearer ${tokens.accessToken}` } });
  console.log(`5. GET /me with the token → ${me.status} ${JSON.stringify(await me.json())}`);

  const tampered = `${tokens.accessToken.slice(0, -4)}AAAA`;
  const bad = await fetch(`${worker.url}/me`, { headers: { authorization: `Bearer ${tampered}` } });
  console.log(`6. GET /me with a tampered token → ${bad.status} ${JSON.stringify(await bad.json())}`);

  const none = await fetch(`${worker.url}/me`);
  console.log(`7. GET /me without a token → ${none.status}`);
} finally {
  await worker?.close();
  await embedded?.close();
}
