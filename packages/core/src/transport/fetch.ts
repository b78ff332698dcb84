import { armAttempt, type SubscribeToAbort } from './arm-attempt';
import type { Transport, TransportResponse } from './transport';

/**
 * A transport over a WHATWG `fetch` (the global one by default): browsers, edge runtimes, Deno,
 * Bun, and Node when a custom `fetch` is injected.
 *
 * @param fetchImpl - The `fetch` to call; default the global one, looked up per call.
 * @param subscribe - How to listen to a caller's `AbortSignal` (Node passes one that adds a single
 *   listener per signal); default `addEventListener`.
 * @example
 * ```ts
 * const transport = createFetchTransport(fetch);
 * ```
 */
export function createFetchTransport(fetchImpl?: typeof globalThis.fetch, subscribe?: SubscribeToAbort): Transport {
  return async ({ url, method, headers, body, signal, timeout }) => {
    const controller = new AbortController();
    const { done, stopTimer } = armAttempt(signal, timeout, (reason) => controller.abort(reason), subscribe);
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
    } catch (err) {
      done();
      throw err;
    }
    const out: TransportResponse = {
      status: res.status,
      statusText: res.statusText,
      // Header names come lower-cased from `Headers` iteration.
      headers: Object.fromEntries(res.headers),
      text: () => res.text().finally(done),
      // A stream is paced by its reader: the timer stops here, the caller's signal still cancels it.
      stream: () => {
        stopTimer();
        const body = res.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() });
        return body.pipeThrough(new TransformStream({ flush: done }));
      },
      discard: async () => {
        await res.body?.cancel().catch(() => {});
        done();
      },
    };
    return out;
  };
}
