// A Janua webhook receiver on plain node:http. It reads the raw body, verifies it with
// @janua/webhooks/verify (no other Janua code is loaded), answers quickly, and handles each event
// once even though Janua retries: retries carry the same X-Webhook-ID.
import { createServer } from 'node:http';
import { constructWebhookEvent, WebhookVerificationError } from '@janua/webhooks/verify';

/**
 * @typedef {import('@janua/webhooks/verify').WebhookEvent} WebhookEvent
 * @typedef {object} ReceiverOptions
 * @property {string | string[] | (() => string | string[])} secret The endpoint secret; an array
 *   during a rotation; a function when the secret is only known after the endpoint is registered.
 * @property {(event: WebhookEvent) => void | Promise<void>} onEvent Handles one event. Throwing
 *   answers 500, so Janua retries and the event is not marked as handled.
 * @property {number} [toleranceSeconds] Allowed clock distance of X-Webhook-Timestamp (default 300).
 */

/**
 * Creates the receiver; call `listen()` to start it.
 * @param {ReceiverOptions} options
 */
export function createWebhookReceiver({ secret, onEvent, toleranceSeconds }) {
  /** Event ids already handled (a real app keeps these in its database, with the side effects). */
  const handled = new Set();
  /** Event ids being handled right now: a parallel copy is told to come back later. */
  const inFlight = new Set();
  /** Deliveries that failed verification, for logs and tests: never the body, only why. */
  const rejected = /** @type {{ id: string | undefined, code: string }[]} */ ([]);

  const server = createServer(async (req, res) => {
    const reply = (/** @type {number} */ status, /** @type {object} */ body) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (req.method !== 'POST') return reply(405, { error: 'method_not_allowed' });
    // The raw bytes: verifying a re-serialised JSON.parse result would fail (§5.2).
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const payload = Buffer.concat(chunks);

    let event;
    try {
      const current = typeof secret === 'function' ? secret() : secret;
      event = await constructWebhookEvent({ payload, headers: req.headers, secret: current, toleranceSeconds });
    } catch (err) {
      // Anything else (the secret() callback failed, say) is ours, not the sender's: answer 500 so
      // Janua retries. Rethrowing here would leave the request unanswered until the sender times out.
      if (!(err instanceof WebhookVerificationError)) return reply(500, { error: 'receiver_failed' });
      const id = req.headers['x-webhook-id'];
      rejected.push({ id: Array.isArray(id) ? id[0] : id, code: err.code });
      return reply(400, { error: err.code });
    }

    // X-Webhook-ID is the event id; read it from the signed body so a replay cannot dodge the
    // check by changing an (unsigned) header.
    if (handled.has(event.id)) return reply(200, { received: true, duplicate: true });
    if (inFlight.has(event.id)) return reply(409, { error: 'in_progress' });
    inFlight.add(event.id);
    try {
      await onEvent(event);
      handled.add(event.id);
      return reply(200, { received: true });
    } catch {
      return reply(500, { error: 'handler_failed' });
    } finally {
      inFlight.delete(event.id);
    }
  });

  return {
    server,
    handled,
    rejected,
    /**
     * Starts listening and resolves to the URL to register.
     * @param {number} [port] 0 (default) picks a free port.
     * @param {string} [host] The interface: 127.0.0.1 (default) for a local dev server; `0.0.0.0`
     *   so that a Janua API on another host can reach it.
     * @returns {Promise<string>}
     */
    listen(port = 0, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = /** @type {import('node:net').AddressInfo} */ (server.address());
          resolve(`http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}/webhooks/janua`);
        });
      });
    },
    /** @returns {Promise<void>} */
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
