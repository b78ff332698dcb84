import type { Transport, TransportResponse } from './transport';

/**
 * A transport over a WHATWG `fetch` (the global one by default): browsers, edge runtimes, Deno,
 * Bun, and Node when a custom `fetch` is injected.
 *
 * @example
 * ```ts
 * const transport = createFetchTransport(fetch);
 * ```
 */
export function createFetchTransport(fetchImpl?: typeof globalThis.fetch): Transport {
  return async (req) => {
    // Resolve the global lazily so polyfills installed after import still count.
    const f = fetchImpl ?? globalThis.fetch;
    const res = await f(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body as BodyInit | undefined,
      signal: req.signal,
      redirect: 'manual',
    });
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const out: TransportResponse = {
      status: res.status,
      headers,
      text: () => res.text(),
      stream: () => res.body ?? new ReadableStream({ start: (c) => c.close() }),
      discard: async () => {
        await res.body?.cancel().catch(() => {});
      },
    };
    return out;
  };
}
