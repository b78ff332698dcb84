import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** A contract error (§2.1): rendered as the canonical envelope by the app's error handler. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = 'HTTP_ERROR',
    readonly details?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

/** The canonical error envelope of contract §2.1. */
export function errorEnvelope(
  requestId: string,
  code: string,
  message: unknown,
  details?: Record<string, unknown>,
): Record<string, unknown> {
  return {
    error: {
      code,
      message,
      ...(details ? { details } : {}),
      request_id: requestId,
      timestamp: Date.now() / 1000,
    },
  };
}

/** Renders any thrown value as the contract's envelope; unknown errors become a 500. */
export function renderError(c: Context, err: unknown): Response {
  const requestId = (c.get('requestId') as string | undefined) ?? crypto.randomUUID();
  if (err instanceof HttpError) {
    for (const [k, v] of Object.entries(err.headers ?? {})) c.header(k, v);
    return c.json(errorEnvelope(requestId, err.code, err.message, err.details), err.status as ContentfulStatusCode);
  }
  console.error('[janua-dev] unhandled error', err);
  return c.json(errorEnvelope(requestId, 'INTERNAL_ERROR', 'An unexpected error occurred'), 500);
}

export const badRequest = (message: string) => new HttpError(400, message);
export const unauthorized = (message = 'Not authenticated') => new HttpError(401, message);
export const forbidden = (message: string) => new HttpError(403, message);
export const notFound = (message: string) => new HttpError(404, message);
export const conflict = (message: string) => new HttpError(409, message);
