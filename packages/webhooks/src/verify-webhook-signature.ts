import { checkSignature, type WebhookPayload } from './internal/signature';

/** Input of {@link verifyWebhookSignature}. */
export interface VerifyWebhookSignatureParams {
  /** The raw request body, exactly as received: never a re-serialised parsed object. */
  payload: WebhookPayload;
  /** The `X-Webhook-Signature` header: 64 hex chars (an optional `sha256=` prefix is accepted). */
  signature: string | null | undefined;
  /**
   * The endpoint's `secret` (the 64-char hex text itself). Pass several during a rotation: the
   * signature is valid when it matches any of them.
   */
  secret: string | readonly string[];
  /** The `X-Webhook-Timestamp` header (unix seconds). When given, it must be within the tolerance. */
  timestamp?: string | number | null;
  /** Allowed distance between `timestamp` and now, in seconds. Default 300. */
  toleranceSeconds?: number;
  /** The current time (a `Date`, or milliseconds since the epoch like `Date.now()`). */
  now?: Date | number;
}

/**
 * Checks a webhook delivery's signature (contract §5): lowercase hex HMAC-SHA256 keyed by the
 * UTF-8 bytes of the endpoint secret, over the exact body bytes, compared in constant time. The
 * timestamp is not signed; it is only checked against `toleranceSeconds` when given.
 *
 * Uses WebCrypto only (`crypto.subtle`), so it runs on Node 20+, edge runtimes and browsers, and
 * imports nothing else: `@janua/webhooks/verify` bundles alone.
 *
 * @returns true when the signature matches one of the secrets (and the timestamp, if given, is
 *   fresh); false for anything else, including missing or malformed input. It never throws.
 * @example
 * ```ts
 * import { verifyWebhookSignature } from '@janua/webhooks/verify';
 *
 * const ok = await verifyWebhookSignature({
 *   payload: rawBody,
 *   signature: request.headers.get('x-webhook-signature'),
 *   timestamp: request.headers.get('x-webhook-timestamp'),
 *   secret: process.env.JANUA_WEBHOOK_SECRET ?? '',
 * });
 * if (!ok) return new Response('invalid signature', { status: 400 });
 * ```
 */
export async function verifyWebhookSignature(params: VerifyWebhookSignatureParams): Promise<boolean> {
  return typeof params === 'object' && params !== null && (await checkSignature(params)) === undefined;
}
