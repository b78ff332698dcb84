import { AsyncLocalStorage } from 'node:async_hooks';

/** Who is calling, as far as the current request tells: read by the audit log (issue 7). */
export interface RequestScope {
  ip: string | null;
  userAgent: string | null;
  requestId: string;
}

// Domain events carry DB rows, not the request; this lets subscribers see the request anyway.
export const requestScope = new AsyncLocalStorage<RequestScope>();
