import { type JanuaOptions, type JanuaRuntime, resolveConfig } from './config';
import type { AuthStateListener, HeaderPolicy, Janua, SharedState } from './janua';
import { createMemoryTokenStore } from './tokens/token-store';
import type { Transport } from './transport/transport';

/**
 * @internal Shared by the runtime entries; each passes its transport factory (given `options.fetch` when set), header policy
 * and the environment variables to read when `options.env` is absent (none in browsers).
 */
export function createJanuaInstance(
  options: JanuaOptions,
  runtime: JanuaRuntime,
  createTransport: (fetchImpl?: typeof globalThis.fetch) => Transport,
  prepareHeaders: HeaderPolicy,
  env?: Record<string, string | undefined>,
): Janua {
  const config = resolveConfig(options, runtime, env);
  const shared: SharedState = {
    debug: options.debug === true,
    logger: options.logger ?? console,
    warned: new Set(),
    refreshes: new WeakMap(),
    unsaved: new WeakMap(),
    prepareHeaders,
  };
  return Object.freeze({
    config,
    tokenStore: options.tokenStorage ?? createMemoryTokenStore(),
    _internal: Object.freeze({
      transport: createTransport(options.fetch),
      shared,
      listeners: new Set<AuthStateListener>(),
    }),
  });
}
