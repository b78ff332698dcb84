import { AuthenticationError } from './errors/authentication-error';
import { createErrorFromResponse } from './errors/create-error-from-response';
import { JanuaError } from './errors/janua-error';
import { NetworkError } from './errors/network-error';
import type { RateLimitError } from './errors/rate-limit-error';
import { TimeoutError } from './errors/timeout-error';
import { newRequestId } from './internal/ids';
import { sleep } from './internal/sleep';
import { buildUrl, logTarget, type QueryParams } from './internal/url';
import type { Janua } from './janua';
import { refreshTokens } from './tokens/refresh-tokens';
import type { StoredTokens } from './tokens/token-store';
import type { TransportResponse } from './transport/transport';

/** HTTP methods the API uses. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

/** Per-call options every SDK function accepts as its last argument. */
export interface RequestOptions {
  /** Cancels the call (and its retries); the call rejects with `NetworkError` code `ABORTED`. */
  signal?: AbortSignal;
  /** Per-attempt timeout for this call, overriding the instance's `timeout`. */
  timeoutMs?: number;
  /** Retries for this call, overriding the instance's `maxRetries`. */
  maxRetries?: number;
}

/** One API call for {@link request}. */
export interface JanuaRequest extends RequestOptions {
  method: HttpMethod;
  /** Path under `/api/v1` without trailing slash (the collection-root slash is added for you), e.g. `/users`. */
  path: string;
  query?: QueryParams;
  /** Serialised as JSON; a `FormData` is sent as multipart. */
  body?: unknown;
  /**
   * `user` (default) attaches the stored access token, refreshes it when due and after a 401;
   * `none` sends no bearer token (sign-in, refresh, public routes).
   */
  auth?: 'user' | 'none';
  /** Extra headers for this call. */
  headers?: Record<string, string>;
  /** True for root-level paths without the `/api/v1` prefix (`/health`, `/.well-known/…`). */
  root?: boolean;
}

// Contract §1.6: only these may be replayed after a network error or a 502/503/504.
const IDEMPOTENT = /^(GET|HEAD|PUT|DELETE|OPTIONS)$/;
const MAX_RETRY_AFTER_S = 60;
const REFRESH_AHEAD_MS = 60_000;

const backoffMs = (attempt: number) => 500 * 2 ** attempt * (0.75 + Math.random() * 0.5);

function buildHeaders(janua: Janua, req: JanuaRequest, token: string | undefined, requestId: string) {
  const headers: Record<string, string> = { accept: 'application/json', ...janua.config.headers };
  for (const name in req.headers) headers[name.toLowerCase()] = req.headers[name] as string;
  janua._internal.shared.prepareHeaders(headers, janua, requestId);
  if (token) headers.authorization = `Bearer ${token}`;
  return headers;
}

/** The token to send, refreshing first when it is about to expire. */
async function currentTokens(janua: Janua): Promise<StoredTokens | null> {
  const tokens = (await janua.tokenStore.get()) ?? null;
  return tokens?.refreshToken && tokens.expiresAt - Date.now() < REFRESH_AHEAD_MS
    ? refreshTokens(janua, { stale: tokens })
    : tokens;
}

/**
 * Sends one API call through the whole pipeline and returns the raw response for a 2xx: URL
 * building, headers, timeout and abort, retries, token refresh and replay, error normalisation,
 * debug logging. Use {@link request} for JSON; this is for XML, CSV and streamed bodies.
 *
 * @throws {JanuaError} subclasses per contract §2.3 for any non-2xx response.
 * @example
 * ```ts
 * const res = await requestRaw(janua, { method: 'GET', path: '/audit-logs/export', query: { format: 'csv' } });
 * const reader = res.stream().getReader();
 * for (let part = await reader.read(); !part.done; part = await reader.read()) process.stdout.write(part.value);
 * ```
 */
export async function requestRaw(janua: Janua, req: JanuaRequest): Promise<TransportResponse> {
  const { config, _internal } = janua;
  const { shared } = _internal;
  const { signal } = req;
  const method = req.method.toUpperCase() as HttpMethod;
  const url = buildUrl(config.baseUrl, req.path, req.query, req.root);
  const requestId = newRequestId();
  const maxRetries = req.maxRetries ?? config.maxRetries;
  // setTimeout fires at once past 2^31-1 ms; that long means "no timeout" in practice.
  const timeout = Math.min(req.timeoutMs ?? config.timeout, 2 ** 31 - 1);
  const idempotent = IDEMPOTENT.test(method);
  const userAuth = req.auth !== 'none';
  let tokens = userAuth ? await currentTokens(janua) : null;
  if (userAuth && !tokens && !config.apiKey) {
    throw new AuthenticationError({
      status: 401,
      code: 'NOT_SIGNED_IN',
      message: 'Not signed in: sign in first, or pass the user’s tokens with withTokens()',
    });
  }
  const isFormData = typeof FormData !== 'undefined' && req.body instanceof FormData;
  const body = req.body === undefined || isFormData ? (req.body as FormData | undefined) : JSON.stringify(req.body);
  let replayed = false;
  for (let attempt = 0; ; attempt++) {
    if (signal?.aborted) throw aborted(signal.reason);
    const headers = buildHeaders(janua, req, tokens?.accessToken, requestId);
    if (typeof body === 'string') headers['content-type'] = 'application/json';
    const started = Date.now();
    let res: TransportResponse | undefined;
    let failure: JanuaError | undefined;
    try {
      res = await _internal.transport({ url, method, headers, body, signal, timeout });
    } catch (err) {
      failure = transportFailure(err, signal, timeout);
    }
    if (shared.debug) {
      shared.logger.debug(
        `[janua] ${method} ${logTarget(url, config.baseUrl)} ${res?.status ?? failure?.code} ${Date.now() - started}ms attempt=${attempt + 1} id=${requestId}`,
      );
    }
    if (failure) {
      if (failure.code === 'ABORTED' || !idempotent || attempt >= maxRetries) throw failure;
      await wait(backoffMs(attempt), signal);
      continue;
    }
    const response = res as TransportResponse;
    if (response.status < 400) {
      // The timeout and the signal also cover reading the body: its failures get the same classes.
      const { text } = response;
      return { ...response, text: () => text().catch((err) => Promise.reject(transportFailure(err, signal, timeout))) };
    }

    // A 401 with a token we sent: refresh once (single flight) and replay.
    if (response.status === 401 && tokens?.refreshToken && !replayed) {
      await response.discard();
      replayed = true;
      tokens = await refreshTokens(janua, { stale: tokens });
      attempt--;
      continue;
    }
    const error = createErrorFromResponse({
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      bodyText: await response.text().catch(() => ''),
    });
    const { status } = response;
    if (!(status === 429 || (idempotent && status > 501 && status < 505)) || attempt >= maxRetries) throw error;
    const after = (error as RateLimitError).retryAfter;
    await wait(after != null ? Math.min(after, MAX_RETRY_AFTER_S) * 1000 : backoffMs(attempt), signal);
  }
}

async function wait(ms: number, signal: AbortSignal | undefined) {
  try {
    await sleep(ms, signal);
  } catch (err) {
    throw aborted(err);
  }
}

/** What a transport's rejection means: the caller aborted, the attempt timed out, or the network failed. */
function transportFailure(err: unknown, signal: AbortSignal | undefined, timeout: number): NetworkError {
  return signal?.aborted
    ? aborted(err)
    : (err as Error | undefined)?.name === 'TimeoutError'
      ? new TimeoutError({ code: 'TIMEOUT', message: `Request timed out after ${timeout} ms`, cause: err })
      : new NetworkError({ code: 'NETWORK_ERROR', message: 'Network request failed', cause: err });
}

function aborted(cause: unknown): NetworkError {
  return new NetworkError({ code: 'ABORTED', message: 'Request aborted', cause });
}

/**
 * Calls any Janua endpoint through the SDK's pipeline and returns the parsed JSON (undefined for
 * an empty body), or what `map` makes of it. Every SDK function is built on it; use it for
 * endpoints not wrapped yet.
 *
 * `map` (synchronous, called with the wire body and `janua`) turns the wire shape into the public one; if it throws (the server answered
 * a shape the contract does not document, e.g. `{}` from a misbehaving proxy), the call rejects
 * with `JanuaError` code `INVALID_RESPONSE` instead of a raw `TypeError`.
 *
 * @typeParam W - The wire (snake_case) response type.
 * @throws {JanuaError} subclasses per contract §2.3; `NetworkError`/`TimeoutError` when no response
 *   came; code `INVALID_RESPONSE` for a 2xx body that is not JSON or that `map` cannot read.
 * @example
 * ```ts
 * const user = await request<{ id: string }>(janua, { method: 'GET', path: '/auth/me' });
 * const id = await request(janua, { method: 'GET', path: '/auth/me', map: (w: { id: string }) => w.id });
 * ```
 */
export function request<W, T>(janua: Janua, req: JanuaRequest & { map: (wire: W, janua: Janua) => T }): Promise<T>;
export function request<W>(janua: Janua, req: JanuaRequest): Promise<W>;
export async function request(
  janua: Janua,
  req: JanuaRequest & { map?: (wire: unknown, janua: Janua) => unknown },
): Promise<unknown> {
  const res = await requestRaw(janua, req);
  const text = await res.text();
  try {
    const wire = text ? JSON.parse(text) : undefined;
    return req.map ? req.map(wire, janua) : wire;
  } catch (err) {
    throw new JanuaError({
      status: res.status,
      code: 'INVALID_RESPONSE',
      message: 'The response body is not the JSON this call expects',
      requestId: res.headers['x-request-id'],
      cause: err,
    });
  }
}
