import { type JanuaOptions, type JanuaRuntime, resolveConfig } from './config';
import type { AuthStateListener, Janua, SharedState } from './janua';
import { createMemoryTokenStore } from './tokens/token-store';
import { createFetchTransport } from './transport/fetch';
import type { Transport } from './transport/transport';

/** @internal Shared by the runtime entries; each passes its own default transport. */
export function createJanuaInstance(
  options: JanuaOptions,
  runtime: JanuaRuntime,
  defaultTransport: () => Transport,
): Janua {
  const config = resolveConfig(options, runtime);
  const logger = options.logger ?? console;
  const shared: SharedState = {
    debug: options.debug === true,
    logger,
    warned: new Set(),
    refreshes: new WeakMap(),
  };
  if (runtime === 'browser' && config.apiKey) {
    shared.warned.add('apiKey');
    logger.warn(
      '[janua] An API key is configured in a browser build. It will not be sent: API keys are server-side secrets.',
    );
  }
  return Object.freeze({
    config,
    tokenStore: options.tokenStorage ?? createMemoryTokenStore(),
    _internal: Object.freeze({
      transport: options.fetch ? createFetchTransport(options.fetch) : defaultTransport(),
      shared,
      listeners: new Set<AuthStateListener>(),
    }),
  });
}
