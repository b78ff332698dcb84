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

type Json = Record<string, unknown>;

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  422: 'Unprocessable Entity',
  423: 'Locked',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

interface Normalised {
  code: string | undefined;
  message: string;
  details: Json;
  requestId: string | undefined;
}

// Contract §2.2, branch for branch: the server and the proxies in front of it speak several shapes.
function normalise(status: number, text: string): Normalised {
  const body = parseJson(text);
  const fallback = REASONS[status] ?? `HTTP ${status}`;
  if (!isObject(body)) {
    // HTML error pages from proxies would make useless, huge messages: keep only short plain text.
    const plain = text.trim();
    const usable = plain && !plain.startsWith('<') && plain.length <= 200 ? plain : fallback;
    return { code: undefined, message: usable, details: {}, requestId: undefined };
  }
  const { error, detail } = body;
  if (isObject(error)) {
    const details: Json = isObject(error.details) ? { ...error.details } : {};
    let message = error.message;
    if (isObject(message)) {
      details.scim = message;
      message = message.detail;
    }
    return {
      code: typeof error.code === 'string' ? error.code : undefined,
      message: typeof message === 'string' && message ? message : fallback,
      details,
      requestId: typeof error.request_id === 'string' ? error.request_id : undefined,
    };
  }
  if (typeof error === 'string' && typeof body.message === 'string') {
    return {
      code: error,
      message: body.message,
      details: isObject(body.details) ? body.details : {},
      requestId: undefined,
    };
  }
  if (typeof detail === 'string') {
    const { detail: _d, error: _e, ...rest } = body;
    return {
      code: typeof error === 'string' ? error : undefined,
      message: detail,
      details: rest,
      requestId: undefined,
    };
  }
  if (Array.isArray(detail)) {
    const validation_errors = detail.filter(isObject).map((e) => ({
      field: Array.isArray(e.loc) ? e.loc.join('.') : '',
      message: typeof e.msg === 'string' ? e.msg : 'Invalid value',
      type: typeof e.type === 'string' ? e.type : 'value_error',
    }));
    return {
      code: 'VALIDATION_ERROR',
      message: 'Request validation failed',
      details: { validation_errors },
      requestId: undefined,
    };
  }
  if (typeof error === 'string') return { code: undefined, message: error, details: {}, requestId: undefined };
  return { code: undefined, message: fallback, details: {}, requestId: undefined };
}

const num = (v: unknown): number | null => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
};

const WINDOW_SECONDS: Record<string, number> = { second: 1, minute: 60, hour: 3600, day: 86400 };

/**
 * Seconds to wait after a 429, per contract §1.5: `Retry-After` (seconds or HTTP date), then
 * `details.retry_after`, then a body `retry_after` (unix time when > 1e9), then the window of an
 * `"N per M minute"` message; otherwise null.
 */
function retryAfterSeconds(headers: Record<string, string>, n: Normalised, now: number): number | null {
  const header = headers['retry-after'];
  if (header !== undefined) {
    const seconds = num(header);
    if (seconds !== null) return Math.max(0, seconds);
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - now) / 1000));
  }
  const fromDetails = num(n.details.retry_after);
  if (fromDetails !== null) {
    return fromDetails > 1e9 ? Math.max(0, Math.ceil(fromDetails - now / 1000)) : Math.max(0, fromDetails);
  }
  const match = /(\d+)\s+per\s+(\d+)?\s*(second|minute|hour|day)/i.exec(n.message);
  if (match) return (Number(match[2] ?? 1) || 1) * (WINDOW_SECONDS[match[3]?.toLowerCase() ?? ''] ?? 60);
  return null;
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
  if (!Array.isArray(list)) return [];
  return list.filter(isObject).map((e) => ({
    field: String(e.field ?? ''),
    message: String(e.message ?? ''),
    type: String(e.type ?? ''),
  }));
}

/**
 * Turns an error response into the right {@link JanuaError} subclass (contract §2.2 and §2.3).
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
    n.message = wrapped[2] ?? n.message;
  }
  const init: JanuaErrorInit = {
    status,
    code: n.code,
    message: n.message,
    details: n.details,
    requestId: n.requestId ?? res.headers['x-request-id'],
  };
  if (status === 400 || status === 422) return new ValidationError({ ...init, fieldErrors: fieldErrors(n.details) });
  if (status === 401) return new AuthenticationError(init);
  if (status === 403) {
    return n.message === 'Not authenticated' ? new AuthenticationError(init) : new AuthorizationError(init);
  }
  if (status === 404 || status === 410) return new NotFoundError(init);
  if (status === 409) return new ConflictError(init);
  if (status === 423) return new AuthenticationError({ ...init, code: 'ACCOUNT_LOCKED' });
  if (status === 429) return new RateLimitError({ ...init, ...rateLimitInfo(res.headers, n, now) });
  if (status >= 500) return new ServerError(init);
  return new JanuaError(init);
}
