import type { ResolvedConfig } from './config';
import type { Logger } from './logger';
import type { StoredTokens, TokenStore } from './tokens/token-store';
import type { Transport } from './transport/transport';

/** What changed in an instance's sign-in state. */
export type AuthStateEvent = 'SIGNED_IN' | 'TOKEN_REFRESHED' | 'SIGNED_OUT';

/** Called by {@link onAuthStateChange} with the event and the tokens now stored (null when signed out). */
export type AuthStateListener = (event: AuthStateEvent, tokens: StoredTokens | null) => void;

/** @internal State shared by an instance and every per-request view made from it. */
export interface SharedState {
  debug: boolean;
  readonly logger: Logger;
  readonly warned: Set<string>;
  /** In-flight refreshes, one per token store (single flight). */
  readonly refreshes: WeakMap<TokenStore, Promise<StoredTokens>>;
  /**
   * Per store whose `set` failed after a refresh: the refresh token it still holds (already
   * spent) and the pair that replaced it, used instead until a save succeeds.
   */
  readonly unsaved: WeakMap<TokenStore, [string, StoredTokens]>;
  /** The runtime's header rules, set by the entry so each bundle carries only its own. */
  readonly prepareHeaders: HeaderPolicy;
}

/**
 * @internal Adjusts the outgoing headers (lower-case names) of one attempt in place: browsers drop
 * names the API's CORS policy rejects; servers add `x-request-id` and the API key.
 */
export type HeaderPolicy = (headers: Record<string, string>, janua: Janua, requestId: string) => void;

/** @internal Per-view state; not part of the public API. */
export interface JanuaInternal {
  readonly transport: Transport;
  readonly shared: SharedState;
  readonly listeners: Set<AuthStateListener>;
}

/**
 * A configured Janua instance: resolved config, transport, token store. Create it with
 * `createJanua()` and pass it as the first argument of every SDK function. It is frozen and cheap;
 * use {@link withTokens} for a per-user view on servers.
 */
export interface Janua {
  readonly config: ResolvedConfig;
  readonly tokenStore: TokenStore;
  /** @internal */
  readonly _internal: JanuaInternal;
}
