// Webhook receiver demo. With JANUA_WEBHOOK_SECRET set it only runs the receiver (on PORT, default
// 4200, and HOST, default 0.0.0.0 so a remote Janua API can reach it) and prints every verified event. Without it, it starts an embedded dev server, registers
// the receiver as an endpoint, signs a user up and prints the verified `user.created` event.
import { signIn, signUp } from '@janua/auth';
import { createJanua } from '@janua/core';
import { createEndpoint, listDeliveries } from '@janua/webhooks';
import { createWebhookReceiver } from './receiver.mjs';

/** @param {import('@janua/webhooks/verify').WebhookEvent} event */
const print = (event) => console.log(`${event.type} ${event.id} ${JSON.stringify(event.data)}`);

if (process.env.JANUA_WEBHOOK_SECRET) {
  const secrets = process.env.JANUA_WEBHOOK_SECRET.split(',');
  const receiver = createWebhookReceiver({ secret: secrets, onEvent: print });
  const url = await receiver.listen(Number(process.env.PORT ?? 4200), process.env.HOST ?? '0.0.0.0');
  console.log(`Receiving Janua webhooks on port ${new URL(url).port} (path /webhooks/janua)`);
} else {
  const { startDevServer } = await import('@janua/dev-server');
  const server = await startDevServer();
  let secret = '';
  /** @type {(event: import('@janua/webhooks/verify').WebhookEvent) => void} */
  let received = () => {};
  /** @type {Promise<import('@janua/webhooks/verify').WebhookEvent>} */
  const delivered = new Promise((resolve) => {
    received = resolve;
  });
  const receiver = createWebhookReceiver({ secret: () => secret, onEvent: (event) => received(event) });
  try {
    const url = await receiver.listen();
    console.log(`1. Dev server at ${server.url}, receiver at ${url}`);

    const admin = createJanua({ baseUrl: server.url, env: {} });
    await signIn(admin, { email: server.admin.email, password: server.admin.password });
    const endpoint = await createEndpoint(admin, { url, events: ['user.created'], description: 'example receiver' });
    secret = endpoint.secret;
    console.log(`2. Registered endpoint ${endpoint.id} for ${endpoint.events.join(', ')}`);

    const email = `ada-${Date.now()}@example.com`;
    await signUp(createJanua({ baseUrl: server.url, env: {} }), {
      email,
      password: 'Correct-Horse-9!',
      firstName: 'Ada',
    });
    console.log(`3. Signed up ${email}`);

    const event = await delivered;
    console.log('4. Verified delivery:');
    print(event);
    // Dev-only: wait until the server has recorded the receiver's answer.
    await fetch(`${server.url}/__dev/webhooks/drain`, { method: 'POST' });
    const {
      data: [delivery],
    } = await listDeliveries(admin, { endpointId: endpoint.id, limit: 1 });
    console.log(
      `5. The server recorded it: attempt ${delivery?.attempt}, ${delivery?.status}, HTTP ${delivery?.statusCode}`,
    );
  } finally {
    await receiver.close();
    await server.close();
  }
}
