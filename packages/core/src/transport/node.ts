import type { Transport, TransportResponse } from './transport';

type UndiciModule = typeof import('undici');
type Pool = InstanceType<UndiciModule['Pool']>;

/**
 * A transport over undici for Node: one keep-alive connection pool per origin. undici is loaded on
 * the first request, not at import, because importing it costs ~45 ms of cold start that a
 * serverless function may never need.
 *
 * @example
 * ```ts
 * const transport = createNodeTransport();
 * ```
 */
export function createNodeTransport(): Transport {
  let undici: Promise<UndiciModule> | undefined;
  const pools = new Map<string, Pool>();
  return async (req) => {
    undici ??= import('undici');
    const { Pool } = await undici;
    const url = new URL(req.url);
    let pool = pools.get(url.origin);
    if (!pool) {
      pool = new Pool(url.origin, { keepAliveTimeout: 10_000, connections: 64 });
      pools.set(url.origin, pool);
    }
    let { body, headers: reqHeaders } = req;
    if (typeof FormData !== 'undefined' && body instanceof FormData) {
      // undici's request() only knows its own FormData class; let the platform encode it instead.
      const encoded = new Response(body);
      reqHeaders = { ...reqHeaders, 'content-type': encoded.headers.get('content-type') ?? '' };
      body = new Uint8Array(await encoded.arrayBuffer());
    }
    const res = await pool.request({
      path: url.pathname + url.search,
      method: req.method as 'GET',
      headers: reqHeaders,
      body: body as string | Uint8Array | undefined,
      signal: req.signal,
    });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(res.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    const out: TransportResponse = {
      status: res.statusCode,
      headers,
      text: () => res.body.text(),
      stream: () => {
        const body = res.body;
        return new ReadableStream<Uint8Array>({
          async pull(controller) {
            for await (const chunk of body) controller.enqueue(new Uint8Array(chunk as Buffer));
            controller.close();
          },
          cancel: () => {
            body.destroy();
          },
        });
      },
      discard: async () => {
        await res.body.dump().catch(() => {});
      },
    };
    return out;
  };
}
