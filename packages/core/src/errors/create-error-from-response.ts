import { AuthenticationError } from './authentication-error';
import { AuthorizationError } from './authorization-error';
import { ConflictError } from './conflict-error';
import { JanuaError, type JanuaErrorInit } from './janua-error';
import { NotFoundError } from './not-found-error';
import { RateLimitError, type RateLimitInfo } from './rate-limit-error';
import { ServerError } from './server-error';
import { type FieldError, ValidationError } from './validation-error';

/** The parts of an HTTP response that error normalisation reads. */
export interface ErrorResponseInit {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The raw body text (may be empty, HTML or JSON). */
  bodyText: string;
  /** Clock for `Retry-After` dates and unix-time bodies; defaults to `Date.now()`. */
  now?: number;
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

// Statuses whose class takes only the common fields (400/422 and 429 carry more, see below).
const CLASSES: Record<number, typeof JanuaError> = {
  401: AuthenticationError,
  403: AuthorizationError,
  404: NotFoundError,
  409: ConflictError,
  410: NotFoundError,
  423: AuthenticationError,
};

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

interface Normalised {
  code: string | undefined;
  message: string;
  details: Json;
  requestId: string | undefined;
}

// Contract §2.2, branch for branch: the server and the proxies in front of it speak several shapes.
function normalise(status: number, text: string): Normalised {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {}
  let code: string | undefined;
  let message: unknown;
  let details: Json = {};
  let requestId: string | undefined;
  if (isObject(body)) {
    const { error, detail, ...rest } = body;
    if (isObject(error)) {
      code = str(error.code);
      message = error.message;
      details = isObject(error.details) ? { ...error.details } : {};
      requestId = str(error.request_id);
      if (isObject(message)) {
        details.scim = message;
        message = message.detail;
      }
    } else if (typeof detail === 'string') {
      code = str(error);
      message = detail;
      details = rest;
    } else if (Array.isArray(detail)) {
      code = 'VALIDATION_ERROR';
      message = 'Request validation failed';
      details = {
        validation_errors: detail.filter(isObject).map((e) => ({
          field: Array.isArray(e.loc) ? e.loc.join('.') : '',
          message: str(e.msg) ?? 'Invalid value',
          type: str(e.type) ?? 'value_error',
        })),
      };
    } else if (typeof error === 'string') {
      if (typeof body.message === 'string') {
        code = error;
        message = body.message;
        details = isObject(body.details) ? body.details : {};
      } else message = error;
    }
  } else {
    // HTML error pages from proxies would make useless, huge messages: keep only short plain text.
    const plain = text.trim();
    if (plain[0] !== '<' && plain.length <= 200) message = plain;
  }
  return { code, message: str(message) || REASONS[status] || `HTTP ${status}`, details, requestId };
}

const num = (v: unknown): number | null => (v === '' || v === null || !Number.isFinite(Number(v)) ? null : Number(v));

const WINDOWS: Record<string, number> = { second: 1, minute: 60, hour: 3600, day: 86400 };

/**
 * Seconds to wait after a 429, per contract §1.5: `Retry-After` (seconds or HTTP date), then
 * `details.retry_after` (unix time when > 1e9), then the window of an `"N per M minute"` message.
 */
function retryAfterSeconds(headers: Record<string, string>, n: Normalised, now: number): number | null {
  const header = headers['retry-after'];
  let seconds = num(header);
  if (seconds === null && header) {
    const date = Date.parse(header);
    if (!Number.isNaN(date)) seconds = Math.ceil((date - now) / 1000);
  }
  if (seconds === null) {
    seconds = num(n.details.retry_after);
    if (seconds !== null && seconds > 1e9) seconds = Math.ceil(seconds - now / 1000);
  }
  if (seconds === null) {
    const m = /per\s+(\d*)\s*(second|minute|hour|day)/i.exec(n.message);
    if (m) seconds = (Number(m[1]) || 1) * (WINDOWS[(m[2] as string).toLowerCase()] as number);
  }
  return seconds === null ? null : Math.max(0, seconds);
}

function rateLimitInfo(headers: Record<string, string>, n: Normalised, now: number): RateLimitInfo {
  const reset = num(headers['x-ratelimit-reset']);
  return {
    retryAfter: retryAfterSeconds(headers, n, now),
    limit: num(headers['x-ratelimit-limit']) ?? num(n.details.limit),
    remaining: num(headers['x-ratelimit-remaining']),
    resetAt: reset === null ? null : new Date(reset > 1e9 ? reset * 1000 : now + reset * 1000),
  };
}

function fieldErrors(details: Json): FieldError[] {
  const list = details.validation_errors;
  return Array.isArray(list)
    ? list
        .filter(isObject)
        .map((e) => ({ field: String(e.field ?? ''), message: String(e.message ?? ''), type: String(e.type ?? '') }))
    : [];
}

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
export function createErrorFromResponse(res: ErrorResponseInit): JanuaError {
  const now = res.now ?? Date.now();
  let status = res.status;
  const n = normalise(status, res.bodyText);
  // SSO routes wrap their own HTTP errors in a 500 "<status>: <message>" (§2.3).
  const wrapped = status === 500 ? /^(\d{3}): (.*)$/s.exec(n.message) : null;
  if (wrapped) {
    status = Number(wrapped[1]);
    n.message = wrapped[2] as string;
  }
  const init: JanuaErrorInit = {
    status,
    code: status === 423 ? 'ACCOUNT_LOCKED' : n.code,
    message: n.message,
    details: n.details,
    requestId: n.requestId ?? res.headers['x-request-id'],
  };
  if (status === 400 || status === 422) return new ValidationError({ ...init, fieldErrors: fieldErrors(n.details) });
  if (status === 429) return new RateLimitError({ ...init, ...rateLimitInfo(res.headers, n, now) });
  const ErrorClass =
    status === 403 && n.message === 'Not authenticated'
      ? AuthenticationError
      : (CLASSES[status] ?? (status >= 500 ? ServerError : JanuaError));
  return new ErrorClass(init);
}
