import { armAttempt, type SubscribeToAbort } from './arm-attempt';
import { createFetchTransport } from './fetch';
import type { Transport, TransportResponse } from './transport';

type UndiciModule = typeof import('undici');
type Pool = InstanceType<UndiciModule['Pool']>;

// Shared by every transport of the process once loaded; nothing is loaded at import time.
let loaded: { Pool: UndiciModule['Pool']; EventEmitter: typeof import('node:events').EventEmitter } | undefined;
let loadStarted = false;

// One 'abort' listener per caller signal, however many calls share it: Node warns about a leak
// past 10 listeners on one AbortSignal, and a request handler that fans out to a dozen calls with
// its own signal is ordinary.
const subscribers = new WeakMap<AbortSignal, Set<() => void>>();

const onSignalAbort: SubscribeToAbort = (signal, callback) => {
  let callbacks = subscribers.get(signal);
  if (!callbacks) {
    const set = new Set<() => void>();
    signal.addEventListener('abort', () => {
      for (const cb of set) cb();
    });
    subscribers.set(signal, set);
    callbacks = set;
  }
  callbacks.add(callback);
  return () => {
    callbacks.delete(callback);
  };
};

/**
 * A transport over undici for Node: one keep-alive connection pool per origin. undici is not
 * loaded at import: importing it costs ~45 ms, which would double a serverless cold start's time
 * to first response. The first requests go through the platform `fetch` while undici loads in the
 * background right after the first response; every request after that uses the undici pool, which
 * is ~3× cheaper per call.
 *
 * @param fetchImpl - A `fetch` to use for every call instead (createJanua's `fetch` option); no pool then.
 * @example
 * ```ts
 * const transport = createNodeTransport();
 * ```
 */
export function createNodeTransport(fetchImpl?: typeof globalThis.fetch): Transport {
  // An injected fetch serves every call; it gets the same one-listener-per-signal subscription.
  if (fetchImpl) return createFetchTransport(fetchImpl, onSignalAbort);
  const pools = new Map<string, Pool>();
  const warmup = createFetchTransport(undefined, onSignalAbort);
  return async (req) => {
    if (!loaded) {
      const res = await warmup(req);
      // Load undici only once this response is in hand: compiling it on the same thread while
      // the first request is in flight would delay that response by the whole import.
      if (!loadStarted) {
        loadStarted = true;
        void new Promise<void>((resolve) => setImmediate(resolve))
          .then(() => Promise.all([import('undici'), import('node:events')]))
          .then(
            ([undici, events]) => {
              loaded = { Pool: undici.Pool, EventEmitter: events.EventEmitter };
            },
            () => {
              // Without undici (a bundler dropped it) the platform fetch keeps serving.
            },
          );
      }
      return res;
    }
    const { Pool, EventEmitter } = loaded;
    // The origin ends at the first slash after the scheme's `//`; cheaper than a URL per call.
    const cut = req.url.indexOf('/', req.url.indexOf('//') + 2);
    const origin = cut < 0 ? req.url : req.url.slice(0, cut);
    let pool = pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, { keepAliveTimeout: 10_000, connections: 64 });
      pools.set(origin, pool);
    }
    let { body, headers: reqHeaders } = req;
    if (typeof FormData !== 'undefined' && body instanceof FormData) {
      // undici's request() only knows its own FormData class; let the platform encode it instead.
      const encoded = new Response(body);
      reqHeaders = { ...reqHeaders, 'content-type': encoded.headers.get('content-type') ?? '' };
      body = new Uint8Array(await encoded.arrayBuffer());
    }
    // undici takes an EventEmitter as its abort signal: creating an AbortController per call
    // costs ~5 µs in Node 20, more than the rest of the pipeline, and an emitter ~0.1 µs.
    // (undici's own headersTimeout has a ~1 s resolution, too coarse for short timeouts.)
    const cancel = Object.assign(new EventEmitter(), { aborted: false, reason: undefined as unknown });
    const { done, stopTimer } = armAttempt(
      req.signal,
      req.timeout,
      (reason) => {
        cancel.aborted = true;
        cancel.reason = reason;
        cancel.emit('abort');
      },
      onSignalAbort,
    );
    let res: Awaited<ReturnType<Pool['request']>>;
    try {
      res = await pool.request({
        path: cut < 0 ? '/' : req.url.slice(cut),
        method: req.method as 'GET',
        headers: reqHeaders,
        body: body as string | Uint8Array | undefined,
        signal: cancel,
      });
    } catch (err) {
      done();
      throw err;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(res.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    const out: TransportResponse = {
      status: res.statusCode,
      statusText: res.statusText ?? '',
      headers,
      text: () => res.body.text().finally(done),
      // A stream is paced by its reader (an export may take minutes): the timer stops here, the
      // caller's signal still cancels it. One chunk per pull, so backpressure reaches the socket.
      stream: () => {
        stopTimer();
        const chunks = res.body[Symbol.asyncIterator]();
        return new ReadableStream<Uint8Array>({
          async pull(controller) {
            try {
              const next = await chunks.next();
              if (next.done) {
                done();
                controller.close();
              } else {
                const chunk = next.value as Buffer;
                controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
              }
            } catch (err) {
              done();
              throw err;
            }
          },
          cancel: () => {
            done();
            res.body.destroy();
          },
        });
      },
      discard: () =>
        res.body
          .dump()
          .catch(() => {})
          .finally(done),
    };
    return out;
  };
}
