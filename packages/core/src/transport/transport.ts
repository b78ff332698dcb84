/** One HTTP exchange as the request pipeline hands it to a transport. */
export interface TransportRequest {
  url: string;
  method: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body?: string | Uint8Array | FormData | undefined;
  signal: AbortSignal;
}

/** What a transport returns; the body is read lazily so errors and streams share one shape. */
export interface TransportResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  text(): Promise<string>;
  /** The body as a web stream (for exports and downloads). */
  stream(): ReadableStream<Uint8Array>;
  /** Discard the body without reading it, so the connection can be reused. */
  discard(): Promise<void>;
}

/**
 * Sends one request. Rejects only when no response arrived (network failure or abort); any HTTP
 * status resolves.
 */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;
