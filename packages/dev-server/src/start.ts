import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { createClock } from './clock';
import type { Dev } from './context';
import { newApiKey } from './services/api-keys';
import { createEvents } from './services/events';
import { createFaultStore } from './services/faults';
import { listMessages, type OutboxFilter } from './services/outbox';
import { createRateLimiter } from './services/rate-limits';
import { createRequestLog, type LoggedRequest } from './services/request-log';
import { seed } from './services/seed';
import { sweepExpiredSessions } from './services/sessions';
import { clearOidcCaches } from './services/sso-oidc';
import { createSigningKeys } from './services/tokens';
import { startWebhookDispatcher } from './services/webhook-dispatcher';
import { clearDb, openDb } from './store/db';

/** Options of {@link startDevServer}. */
export interface DevServerOptions {
  /** Port to listen on; 0 (default) picks a free one. The CLI defaults to 4100. */
  port?: number;
  /** Interface to bind. Default `127.0.0.1`. */
  host?: string;
  /** SQLite file; in memory by default. */
  dbPath?: string;
  /** The seeded API key; random by default. */
  apiKey?: string;
  /** The seeded admin's password; random by default. */
  adminPassword?: string;
  /** Access-token lifetime in seconds. Default 28 800 (8 h). */
  accessTokenTtl?: number;
  /** Refresh-token lifetime in seconds. Default 604 800 (7 days). */
  refreshTokenTtl?: number;
  /** Enforce the rate limits of contract §1.5. Default false. */
  rateLimits?: boolean;
  /** Extra allowed origins (CORS, redirects, WebAuthn). */
  origins?: string[];
  /** Base of links in mails. Default: the server URL. */
  frontendUrl?: string;
  /** WebAuthn relying-party id. Default `localhost`. */
  rpId?: string;
  /** scrypt cost parameter N. Default 16384. */
  scryptN?: number;
  /** Waits before the 2nd, 3rd, … webhook delivery attempt, in ms. Default `[1000, 5000]` (§5.1, §7.4). */
  webhookRetryDelaysMs?: number[];
}

/** A running dev server. */
export interface DevServer {
  /** Server root, e.g. `http://127.0.0.1:4100`; pass it as `baseUrl`. */
  url: string;
  /** The seeded `*`-scoped API key of organization `dev`. */
  apiKey: string;
  /** The seeded platform admin. */
  admin: { email: string; password: string };
  /** Clears every table, the outbox, the log, faults, limits, the clock and the OIDC caches, then re-seeds. */
  reset(): Promise<void>;
  /** Stops listening and closes the store. */
  close(): Promise<void>;
  /** The request log (§7.3), optionally filtered; oldest first. */
  requests(method?: string, path?: string): LoggedRequest[];
  /** Outbox messages (§7.2), newest first. */
  outbox(filter?: OutboxFilter): ReturnType<typeof listMessages>;
  /** Moves the server clock forward (tokens, expiries, TOTP steps) without sleeping. */
  advanceClock(ms: number): void;
  /** @internal The server's state, for the package's own tests. */
  readonly dev: Dev;
}

/**
 * Starts a Janua-compatible API server with real semantics on loopback.
 *
 * @example
 * ```ts
 * const server = await startDevServer();
 * const janua = createJanua({ baseUrl: server.url });
 * // ...
 * await server.close();
 * ```
 */
export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  if (process.env.NODE_ENV === 'production' || process.env.JANUA_ENVIRONMENT === 'production') {
    throw new Error('@janua/dev-server refuses to start in production (NODE_ENV or JANUA_ENVIRONMENT)');
  }
  const host = options.host ?? '127.0.0.1';
  const dev: Dev = {
    db: openDb(options.dbPath),
    clock: createClock(),
    keys: await createSigningKeys(),
    config: {
      url: '',
      apiKey: options.apiKey ?? newApiKey(),
      adminEmail: 'admin@janua.test',
      adminPassword: options.adminPassword ?? `Dev-${randomBytes(9).toString('base64url')}1!`,
      accessTokenTtl: options.accessTokenTtl ?? 28_800,
      refreshTokenTtl: options.refreshTokenTtl ?? 604_800,
      rateLimits: options.rateLimits ?? false,
      origins: options.origins ?? [],
      frontendUrl: options.frontendUrl ?? '',
      rpId: options.rpId ?? 'localhost',
      version: '0.1.0',
      scryptN: options.scryptN ?? 16_384,
    },
    faults: createFaultStore(),
    requestLog: createRequestLog(),
    rateLimiter: createRateLimiter(options.rateLimits ?? false),
    events: createEvents(),
  };
  const webhooks = startWebhookDispatcher(dev, { retryDelaysMs: options.webhookRetryDelaysMs ?? [1000, 5000] });
  const reset = async () => {
    webhooks.clear();
    clearDb(dev.db);
    dev.faults.remove();
    dev.requestLog.entries.length = 0;
    dev.rateLimiter.clear();
    dev.rateLimiter.enabled = dev.config.rateLimits;
    dev.clock.offsetMs = 0;
    clearOidcCaches(dev);
    await seed(dev);
  };
  const existing = dev.db.prepare('SELECT 1 FROM users LIMIT 1').get();
  if (!existing) await seed(dev);
  const app = createApp(dev, reset);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: host }, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  dev.config.url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  dev.config.frontendUrl ||= dev.config.url;
  // Requests in flight, so that close() can let them finish: a test or app often closes the server
  // from a callback (a webhook receiver, say) while another request is still being answered.
  let inflight = 0;
  let drained: (() => void) | undefined;
  server.on('request', (_req: unknown, res: { once(event: 'close', listener: () => void): void }) => {
    inflight++;
    res.once('close', () => {
      if (--inflight === 0) drained?.();
    });
  });
  let closed = false;
  return {
    url: dev.config.url,
    apiKey: dev.config.apiKey,
    admin: { email: dev.config.adminEmail, password: dev.config.adminPassword },
    reset,
    async close() {
      if (closed) return;
      closed = true;
      await webhooks.stop();
      const http = server as unknown as { closeIdleConnections(): void; closeAllConnections(): void };
      // Stop accepting, drop idle keep-alive sockets, give the requests in flight up to 2 s to
      // finish, then cut whatever is left and only then close the database under them.
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      http.closeIdleConnections();
      if (inflight > 0) {
        await new Promise<void>((resolve) => {
          drained = resolve;
          setTimeout(resolve, 2000).unref();
        });
      }
      http.closeAllConnections();
      await stopped;
      dev.db.close();
    },
    requests(method, path) {
      return dev.requestLog.entries.filter((r) => (!method || r.method === method) && (!path || r.path === path));
    },
    outbox: (filter) => listMessages(dev, filter),
    advanceClock(ms) {
      dev.clock.offsetMs += ms;
      sweepExpiredSessions(dev);
    },
    dev,
  };
}
