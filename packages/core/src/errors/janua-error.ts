const BRAND = Symbol.for('janua.error');

/**
 * Error codes the Janua API documents (contract §2.1), plus the SDK's own local codes.
 * Widened with `string & {}` so unknown server codes still type-check while `switch (err.code)`
 * keeps completion.
 */
export type JanuaErrorCode =
  | 'HTTP_ERROR'
  | 'VALIDATION_ERROR'
  | 'INTERNAL_ERROR'
  | 'DATABASE_ERROR'
  | 'AUTHENTICATION_ERROR'
  | 'TOKEN_ERROR'
  | 'AUTHORIZATION_ERROR'
  | 'NOT_FOUND_ERROR'
  | 'CONFLICT_ERROR'
  | 'RATE_LIMIT_ERROR'
  | 'EXTERNAL_SERVICE_ERROR'
  | 'EMAIL_NOT_VERIFIED'
  | 'MFA_REQUIRED'
  | 'PASSWORD_EXPIRED'
  | 'ACCOUNT_LOCKED'
  | 'SESSION_EXPIRED'
  | 'INSUFFICIENT_PERMISSIONS'
  | 'NETWORK_ERROR'
  | 'TIMEOUT'
  | 'ABORTED'
  | 'CONFIGURATION_ERROR'
  | 'INVALID_RESPONSE'
  | (string & {});

/** Everything a `JanuaError` is built from. */
export interface JanuaErrorInit {
  message: string;
  /** HTTP status, or 0 when no response was received. */
  status?: number;
  code?: JanuaErrorCode | undefined;
  details?: Record<string, unknown>;
  requestId?: string | undefined;
  cause?: unknown;
}

/**
 * Base class of every error the SDK throws. Carries the HTTP `status`, the server's `code`,
 * `details` and `requestId`, and the original failure in `cause`. Messages never contain
 * passwords, tokens or keys.
 *
 * @example
 * ```ts
 * try { await signIn(janua, { email, password }); }
 * catch (err) { if (isJanuaError(err)) console.log(err.status, err.code, err.requestId); }
 * ```
 */
export class JanuaError extends Error {
  // Literal names: minifiers rename classes, so `constructor.name` would be mangled. The other
  // fields are `declare`d because the constructor assigns them; a class field would only emit a
  // redundant `status;` initialiser per class into every bundle.
  override readonly name: string = 'JanuaError';
  /** HTTP status of the response, or 0 when none was received (network, timeout, local checks). */
  declare readonly status: number;
  /** Machine-readable code: the server's `error.code` or the SDK's own code. */
  declare readonly code: JanuaErrorCode | undefined;
  /** Structured details from the error body (always an object). */
  declare readonly details: Record<string, unknown>;
  /** The server's request id (`error.request_id` or the `X-Request-ID` response header). */
  declare readonly requestId: string | undefined;

  constructor(init: JanuaErrorInit) {
    // Error reads only `cause` from its options, and only when the key is present.
    super(init.message, init);
    this.status = init.status ?? 0;
    this.code = init.code;
    this.details = init.details ?? {};
    this.requestId = init.requestId;
  }

  // An accessor, so the brand lives on the prototype (non-enumerable) and costs nothing per error.
  get [BRAND](): true {
    return true;
  }
}

/**
 * True when `value` is an error thrown by any copy of the Janua SDK. Works where `instanceof`
 * fails, e.g. when a bundle holds both the ESM and the CJS build of `@janua/core`.
 *
 * @example
 * ```ts
 * catch (err) { if (isJanuaError(err) && err.status === 401) redirectToLogin(); }
 * ```
 */
export function isJanuaError(value: unknown): value is JanuaError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}
