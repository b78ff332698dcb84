/**
 * @internal Waits `ms` unless `signal` aborts first. The timer is deliberately not unref'd: a
 * retry's backoff is pending work, and an unref'd timer would let a Node script exit mid-call
 * with the call never settled.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
