// Everything the runtime entries share. Re-exports only.

export { toAbsoluteUrl } from './absolute-url';
export { assertUuid } from './assert-uuid';
export type { JanuaEnvironment, JanuaOptions, JanuaRuntime, ResolvedConfig } from './config';
export { ENVIRONMENT_URLS, normaliseBaseUrl } from './config';
export { parseDate, parseOptionalDate } from './dates';
export { disableDebug, enableDebug } from './debug';
export { AuthenticationError } from './errors/authentication-error';
export { AuthorizationError } from './errors/authorization-error';
export { ConfigurationError } from './errors/configuration-error';
export { ConflictError } from './errors/conflict-error';
export { createErrorFromResponse, type ErrorResponseInit } from './errors/create-error-from-response';
export { isJanuaError, JanuaError, type JanuaErrorCode, type JanuaErrorInit } from './errors/janua-error';
export { NetworkError } from './errors/network-error';
export { NotFoundError } from './errors/not-found-error';
export { RateLimitError, type RateLimitInfo } from './errors/rate-limit-error';
export { ServerError } from './errors/server-error';
export { TimeoutError } from './errors/timeout-error';
export { type FieldError, ValidationError } from './errors/validation-error';
export { type ApiFeatures, type ApiStatus, getApiStatus } from './get-api-status';
export { getApiVersion, type HealthStatus, healthCheck } from './health';
export { checkWire, type WireType } from './internal/check-wire';
export { type QueryParams, segment } from './internal/url';
export type { AuthStateEvent, AuthStateListener, Janua } from './janua';
export type { Logger } from './logger';
export { createPage, type Page, type PageParams, paginate, toPageQuery } from './paging';
export { type HttpMethod, type JanuaRequest, type RequestOptions, request, requestRaw } from './request';
export {
  type AuthUser,
  type SessionSummary,
  type SignedIn,
  storeSignIn,
  toAuthUser,
  toSignedIn,
  type WireAuthUser,
  type WireSignInResponse,
} from './signed-in';
export { decodeJwtExpiry } from './tokens/decode-jwt-expiry';
export { createLocalStorageTokenStore, type LocalStorageTokenStoreOptions } from './tokens/local-storage-token-store';
export { type RefreshTokensOptions, refreshTokens } from './tokens/refresh-tokens';
export { createMemoryTokenStore, type StoredTokens, type TokenStore } from './tokens/token-store';
export {
  clearTokens,
  getTokens,
  onAuthStateChange,
  setTokens,
  toStoredTokens,
  type WireTokenResponse,
} from './tokens/tokens';
export { createFetchTransport } from './transport/fetch';
export type { Transport, TransportRequest, TransportResponse } from './transport/transport';
export { withTokens } from './with-tokens';
