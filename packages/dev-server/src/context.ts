import type { Clock } from './clock';
import type { DevEvents } from './services/events';
import type { FaultStore } from './services/faults';
import type { RateLimiter } from './services/rate-limits';
import type { RequestLog } from './services/request-log';
import type { SigningKeys } from './services/tokens';
import type { Db } from './store/db';

/** Resolved dev-server settings. */
export interface DevConfig {
  url: string;
  apiKey: string;
  adminEmail: string;
  adminPassword: string;
  accessTokenTtl: number;
  refreshTokenTtl: number;
  rateLimits: boolean;
  origins: string[];
  frontendUrl: string;
  rpId: string;
  version: string;
  /** Fixed scrypt cost; tests may lower it. */
  scryptN: number;
}

/** Everything a route needs: store, clock, keys, dev switches. One per server. */
export interface Dev {
  db: Db;
  clock: Clock;
  keys: SigningKeys;
  config: DevConfig;
  faults: FaultStore;
  requestLog: RequestLog;
  rateLimiter: RateLimiter;
  events: DevEvents;
}

/** Hono variables set by the middleware. */
export interface Env {
  Variables: {
    dev: Dev;
    requestId: string;
    faultId: string | null;
    /** The validated `X-API-Key` (or `Bearer sk_live_…`) of this request, if any. */
    apiKey: import('./services/api-keys').ApiKeyRow | null;
  };
  Bindings: {
    incoming: import('node:http').IncomingMessage;
    outgoing: import('node:http').ServerResponse;
  };
}
