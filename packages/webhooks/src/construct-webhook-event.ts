import { WEBHOOK_EVENT_TYPES } from './event-types';
import { checkSignature, type WebhookPayload } from './internal/signature';
import type { WebhookEvent } from './webhook-event';
import { WebhookVerificationError, type WebhookVerificationErrorCode } from './webhook-verification-error';

/** Request headers as a `Headers` object (fetch, edge runtimes) or a plain record (node:http). */
export type WebhookHeaders =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | null | undefined>>;

/** Input of {@link constructWebhookEvent}. */
export interface ConstructWebhookEventParams {
  /** The raw request body, exactly as received (string or bytes). */
  payload: WebhookPayload;
  /** The request headers; `X-Webhook-Signature` and `X-Webhook-Timestamp` are read case-insensitively. */
  headers?: WebhookHeaders;
  /** The signature, when not read from `headers` (takes precedence). */
  signature?: string | null;
  /** The unix-seconds timestamp, when not read from `headers` (takes precedence). */
  timestamp?: string | number | null;
  /** The endpoint secret, or several during a rotation. */
  secret: string | readonly string[];
  /** Allowed distance between the timestamp and now, in seconds. Default 300. */
  toleranceSeconds?: number;
  /** The current time (a `Date`, or milliseconds since the epoch). */
  now?: Date | number;
}

const MESSAGES: Record<WebhookVerificationErrorCode, string> = {
  missing_signature: 'The X-Webhook-Signature header is missing',
  invalid_signature: 'The webhook signature does not match the payload and secret',
  timestamp_out_of_tolerance: 'The X-Webhook-Timestamp is not a unix time within the tolerance',
  invalid_payload: 'The webhook payload is not a Janua event',
  missing_secret: 'No webhook secret was given',
};

function header(headers: WebhookHeaders | undefined, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  if (typeof headers.get === 'function') return (headers as { get(n: string): string | null }).get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : ((value as string | null) ?? undefined);
  }
  return undefined;
}

const fail = (code: WebhookVerificationErrorCode, details?: Record<string, unknown>, cause?: unknown) =>
  new WebhookVerificationError(code, MESSAGES[code], details, cause);

/**
 * Verifies a delivery (as {@link verifyWebhookSignature}) and returns the parsed, typed event.
 * Narrow on `event.type` to get the typed `data`. De-duplicate on `event.id` (the `X-Webhook-ID`
 * header): retries carry the same id.
 *
 * @returns The event, with `createdAt` as a `Date` and `data` as the server sent it.
 * @throws {WebhookVerificationError} `missing_signature`, `invalid_signature`,
 *   `timestamp_out_of_tolerance` (only checked when a timestamp is present), `invalid_payload`
 *   (not a Janua event, checked after the signature) or `missing_secret`. It throws nothing else.
 * @example
 * ```ts
 * import { constructWebhookEvent } from '@janua/webhooks/verify';
 *
 * const event = await constructWebhookEvent({ payload: await request.text(), headers: request.headers, secret });
 * if (event.type === 'user.created') console.log('welcome', event.data.email);
 * ```
 */
export async function constructWebhookEvent(params: ConstructWebhookEventParams): Promise<WebhookEvent> {
  const p = typeof params === 'object' && params !== null ? params : ({} as ConstructWebhookEventParams);
  const failure = await checkSignature({
    payload: p.payload,
    secret: p.secret,
    signature: p.signature ?? header(p.headers, 'x-webhook-signature'),
    timestamp: p.timestamp ?? header(p.headers, 'x-webhook-timestamp'),
    toleranceSeconds: p.toleranceSeconds,
    now: p.now,
  });
  if (failure) throw fail(failure);
  let body: unknown;
  try {
    body = JSON.parse(
      typeof p.payload === 'string' ? p.payload : new TextDecoder('utf-8', { fatal: true }).decode(p.payload),
    );
  } catch (err) {
    throw fail('invalid_payload', { reason: 'not JSON' }, err);
  }
  const e = body as Record<string, unknown> | null;
  const createdAt =
    typeof e?.created_at === 'string'
      ? new Date(/(Z|[+-]\d\d:?\d\d)$/.test(e.created_at) ? e.created_at : `${e.created_at}Z`)
      : null;
  if (
    typeof e !== 'object' ||
    e === null ||
    typeof e.id !== 'string' ||
    !(WEBHOOK_EVENT_TYPES as readonly unknown[]).includes(e.type) ||
    typeof e.data !== 'object' ||
    e.data === null ||
    !createdAt ||
    Number.isNaN(createdAt.getTime())
  ) {
    throw fail('invalid_payload', { reason: 'not a Janua event', type: typeof e?.type === 'string' ? e.type : null });
  }
  const type = e.type as string;
  return {
    id: e.id,
    type,
    createdAt,
    data: e.data,
    object: type.slice(0, type.indexOf('.')),
    apiVersion: typeof e.api_version === 'string' ? e.api_version : null,
  } as WebhookEvent;
}
