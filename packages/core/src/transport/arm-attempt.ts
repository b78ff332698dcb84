/** @internal Adds `callback` to `signal`'s abort listeners; returns a function that removes it. */
export type SubscribeToAbort = (signal: AbortSignal, callback: () => void) => () => void;

const listenToAbort: SubscribeToAbort = (signal, callback) => {
  signal.addEventListener('abort', callback);
  return () => signal.removeEventListener('abort', callback);
};

/**
 * @internal Arms one attempt of a transport: `cancel` is called once, with the caller's abort
 * reason or with a `TimeoutError` when `timeout` ms pass. Both stay armed until `done()`, which a
 * transport calls once the body is read or discarded, so a server that sends headers and then
 * stalls cannot hang a call. `stopTimer()` is for streams: a download is paced by its reader, so
 * only the caller's signal still applies. `subscribe` lets the Node transport share one listener
 * per signal among many calls.
 */
export function armAttempt(
  signal: AbortSignal | undefined,
  timeout: number,
  cancel: (reason: unknown) => void,
  subscribe: SubscribeToAbort = listenToAbort,
): { done: () => void; stopTimer: () => void } {
  const abort = (reason: unknown) => {
    cancel(reason);
    done();
  };
  const timer =
    timeout > 0
      ? setTimeout(() => abort(new DOMException(`No response after ${timeout} ms`, 'TimeoutError')), timeout)
      : undefined;
  const unlink = signal ? subscribe(signal, () => abort(signal.reason)) : undefined;
  const done = () => {
    clearTimeout(timer);
    unlink?.();
  };
  if (signal?.aborted) abort(signal.reason);
  return { done, stopTimer: () => clearTimeout(timer) };
}
