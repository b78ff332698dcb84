/** One HTTP exchange as the request pipeline hands it to a transport. */
export interface TransportRequest {
  url: string;
  method: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body?: string | Uint8Array | FormData | undefined;
  /** The caller's signal, when there is one. */
  signal?: AbortSignal | undefined;
  /**
   * Milliseconds to wait for the response headers; 0 waits forever. When it elapses the transport
   * rejects with an error whose `name` is `'TimeoutError'`. The transport owns the timer because
   * undici has a cheap built-in one, while a fresh `AbortController` and timer per call would cost
   * more than the rest of the pipeline together.
   */
  timeout: number;
}

/** What a transport returns; the body is read lazily so errors and streams share one shape. */
export interface TransportResponse {
  status: number;
  /** The reason phrase the response carried (empty over HTTP/2). */
  statusText: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  text(): Promise<string>;
  /** The body as a web stream (for exports and downloads). */
  stream(): ReadableStream<Uint8Array>;
  /** Discard the body without reading it, so the connection can be reused. */
  discard(): Promise<void>;
}

/**
 * Sends one request. Rejects only when no response arrived (network failure, abort or timeout);
 * any HTTP status resolves.
 */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;
