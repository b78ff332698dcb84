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
  return async ({ url, method, headers, body, signal, timeout }) => {
    const controller = new AbortController();
    const abort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', abort);
    const timer =
      timeout > 0
        ? setTimeout(
            () => controller.abort(new DOMException(`No response after ${timeout} ms`, 'TimeoutError')),
            timeout,
          )
        : undefined;
    let res: Response;
    try {
      // Resolve the global lazily so polyfills installed after import still count.
      res = await (fetchImpl ?? fetch)(url, {
        method,
        headers,
        body: body as BodyInit | undefined,
        signal: controller.signal,
        redirect: 'manual',
      });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
    }
    const out: TransportResponse = {
      status: res.status,
      statusText: res.statusText,
      // Header names come lower-cased from `Headers` iteration.
      headers: Object.fromEntries(res.headers),
      text: () => res.text(),
      stream: () => res.body ?? new ReadableStream({ start: (c) => c.close() }),
      discard: async () => {
        await res.body?.cancel().catch(() => {});
      },
    };
    return out;
  };
}
