import { AuthenticationError } from './authentication-error';
import { AuthorizationError } from './authorization-error';
import { ConflictError } from './conflict-error';
import { JanuaError } from './janua-error';
import { NotFoundError } from './not-found-error';
import { RateLimitError } from './rate-limit-error';
import { ServerError } from './server-error';
import { type FieldError, ValidationError } from './validation-error';

/** The parts of an HTTP response that error normalisation reads. */
export interface ErrorResponseInit {
  status: number;
  /**
   * The reason phrase the response carried (`Response.statusText`, or Node's
   * `http.STATUS_CODES[status]`). The message when the body has none; `HTTP <status>` without it.
   */
  statusText?: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The raw body text (may be empty, HTML or JSON). */
  bodyText: string;
  /** Clock for `Retry-After` dates and unix-time bodies; defaults to `Date.now()`. */
  now?: number;
}

// The class for each status (contract §2.3); 5xx falls back to ServerError, the rest to JanuaError.
const CLASSES: Record<number, typeof JanuaError> = {
  400: ValidationError,
  401: AuthenticationError,
  403: AuthorizationError,
  404: NotFoundError,
  409: ConflictError,
  410: NotFoundError,
  422: ValidationError,
  423: AuthenticationError,
  429: RateLimitError,
};

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
// Header values and body fields arrive as strings or numbers; anything else means "not given".
const num = (v: unknown) => (v === '' || v == null || !Number.isFinite(Number(v)) ? null : Number(v));
const fieldError = (field: unknown, message: unknown, type: unknown): FieldError => ({
  field: String(field ?? ''),
  message: String(message ?? ''),
  type: String(type ?? ''),
});

const WINDOWS: Record<string, number> = { second: 1, minute: 60, hour: 3600, day: 86400 };

/**
 * Turns an error response into the right `JanuaError` subclass (contract §2.2 and §2.3).
 * Domain packages never parse error bodies themselves; this is the one place.
 *
 * @example
 * ```ts
 * const err = createErrorFromResponse({ status: 404, headers: {}, bodyText: '{"detail":"User not found"}' });
 * err instanceof NotFoundError; // true
 * ```
 */
export function createErrorFromResponse({
  status,
  statusText,
  headers,
  bodyText,
  now = Date.now(),
}: ErrorResponseInit): JanuaError {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {}
  let code: string | undefined;
  let message: unknown;
  let details: Json = {};
  let requestId = headers['x-request-id'];

  // Contract §2.2, branch for branch: the server and the proxies in front of it speak several shapes.
  if (isObject(body)) {
    const { error, detail, ...rest } = body;
    if (isObject(error)) {
      code = str(error.code);
      message = error.message;
      // The body is freshly parsed and ours alone, so `details` can be extended in place.
      if (isObject(error.details)) details = error.details;
      requestId = str(error.request_id) ?? requestId;
      if (isObject(message)) {
        details.scim = message;
        message = message.detail;
      }
    } else if (typeof error === 'string' && typeof body.message === 'string') {
      code = error;
      message = body.message;
      if (isObject(body.details)) details = body.details;
    } else if (typeof detail === 'string') {
      code = str(error);
      message = detail;
      details = rest;
    } else if (Array.isArray(detail)) {
      // Stock FastAPI 422: rewritten into the canonical `validation_errors`.
      code = 'VALIDATION_ERROR';
      message = 'Request validation failed';
      details.validation_errors = detail
        .filter(isObject)
        .map((e) =>
          fieldError(Array.isArray(e.loc) ? e.loc.join('.') : '', e.msg ?? 'Invalid value', e.type ?? 'value_error'),
        );
    } else message = error;
  } else {
    // HTML error pages from proxies would make useless, huge messages: keep only short plain text.
    const plain = bodyText.trim();
    if (plain[0] !== '<' && plain.length <= 200) message = plain;
  }
  let errorMessage = str(message) || statusText || `HTTP ${status}`;

  // SSO routes wrap their own HTTP errors in a 500 "<status>: <message>" (§2.3).
  const wrapped = status === 500 && /^(\d{3}): (.*)$/s.exec(errorMessage);
  if (wrapped) {
    status = Number(wrapped[1]);
    errorMessage = wrapped[2] as string;
  }
  if (status === 423) code = 'ACCOUNT_LOCKED';

  const init = { status, code, message: errorMessage, details, requestId };
  const ErrorClass =
    status === 403 && errorMessage === 'Not authenticated'
      ? AuthenticationError
      : (CLASSES[status] ?? (status >= 500 ? ServerError : JanuaError));
  if (ErrorClass === ValidationError) {
    const list = details.validation_errors;
    return new ValidationError({
      ...init,
      fieldErrors: Array.isArray(list) ? list.filter(isObject).map((e) => fieldError(e.field, e.message, e.type)) : [],
    });
  }
  if (ErrorClass === RateLimitError) {
    // Contract §1.5: Retry-After (seconds or HTTP date), then the body's retry_after (unix time
    // when > 1e9), then the window of an "N per M minute" message.
    const header = headers['retry-after'];
    const fromBody = num(details.retry_after);
    const window = /per\s+(\d*)\s*(second|minute|hour|day)/i.exec(errorMessage);
    const retryAfter =
      num(header) ??
      // An HTTP date; `num` turns the NaN of anything else into null.
      num(Math.ceil((Date.parse(header ?? '') - now) / 1000)) ??
      (fromBody !== null && fromBody > 1e9 ? Math.ceil(fromBody - now / 1000) : fromBody) ??
      (window ? (Number(window[1]) || 1) * (WINDOWS[(window[2] as string).toLowerCase()] as number) : null);
    const reset = num(headers['x-ratelimit-reset']);
    return new RateLimitError({
      ...init,
      retryAfter: retryAfter === null ? null : Math.max(0, retryAfter),
      limit: num(headers['x-ratelimit-limit']) ?? num(details.limit),
      remaining: num(headers['x-ratelimit-remaining']),
      // X-RateLimit-Reset is unix seconds, or seconds from now on some proxies.
      resetAt: reset === null ? null : new Date((reset > 1e9 ? 0 : now) + reset * 1000),
    });
  }
  return new ErrorClass(init);
}
