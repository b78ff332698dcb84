/**
 * Why a webhook failed verification:
 * - `missing_signature`: no `X-Webhook-Signature` header (or an empty one);
 * - `invalid_signature`: the signature is malformed or matches none of the secrets (a tampered
 *   body and a wrong secret look the same: that is what an HMAC guarantees);
 * - `timestamp_out_of_tolerance`: `X-Webhook-Timestamp` is not an integer or too far from now;
 * - `invalid_payload`: the body is not a string or bytes, or not a Janua event (after a valid signature);
 * - `missing_secret`: no non-empty secret was passed.
 */
export type WebhookVerificationErrorCode =
  | 'missing_signature'
  | 'invalid_signature'
  | 'timestamp_out_of_tolerance'
  | 'invalid_payload'
  | 'missing_secret';

/**
 * Thrown by `constructWebhookEvent` when a delivery cannot be trusted. It does not extend
 * `JanuaError` (the verify entry must not load `@janua/core`), but carries the same brand and
 * fields, so `isJanuaError(err)` from `@janua/core` is true for it. `status` is always 0 (a local
 * check); messages never contain the secret or the signature.
 *
 * @example
 * ```ts
 * try {
 *   await constructWebhookEvent({ payload: body, headers: req.headers, secret });
 * } catch (err) {
 *   if (err instanceof WebhookVerificationError) console.log(err.code); // 'invalid_signature', ...
 * }
 * ```
 */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
  /** Always 0: no HTTP response is involved. */
  readonly status = 0;
  readonly code: WebhookVerificationErrorCode;
  readonly details: Record<string, unknown>;
  /** Always undefined: there is no server request to point at. */
  readonly requestId: string | undefined = undefined;

  constructor(
    code: WebhookVerificationErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
    this.details = details;
    // The brand `isJanuaError` in @janua/core looks for.
    Object.defineProperty(this, Symbol.for('janua.error'), { value: true });
  }
}
