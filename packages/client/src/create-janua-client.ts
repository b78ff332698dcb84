import * as auth from '@janua/auth';
import {
  createJanua,
  disableDebug,
  enableDebug,
  getApiVersion,
  type HealthStatus,
  healthCheck,
  type Janua,
  type JanuaOptions,
  type JanuaRequest,
  onAuthStateChange,
  type RequestOptions,
  request,
  type StoredTokens,
  type TokenStore,
  withTokens,
} from '@janua/core';
import * as sessions from '@janua/sessions';
import * as users from '@janua/users';
import { type BoundAll, bindAll } from './bind';

const authFns = {
  signUp: auth.signUp,
  signIn: auth.signIn,
  signOut: auth.signOut,
  refreshTokens: auth.refreshTokens,
  getCurrentUser: auth.getCurrentUser,
  requestPasswordReset: auth.requestPasswordReset,
  resetPassword: auth.resetPassword,
  changePassword: auth.changePassword,
  resendVerificationEmail: auth.resendVerificationEmail,
  verifyEmail: auth.verifyEmail,
  sendMagicLink: auth.sendMagicLink,
  verifyMagicLink: auth.verifyMagicLink,
  getOAuthUrl: auth.getOAuthUrl,
  handleOAuthCallback: auth.handleOAuthCallback,
  linkOAuthAccount: auth.linkOAuthAccount,
  unlinkOAuthAccount: auth.unlinkOAuthAccount,
  listOAuthAccounts: auth.listOAuthAccounts,
  listOAuthProviders: auth.listOAuthProviders,
  onAuthStateChange,
};

const userFns = {
  get: users.getUser,
  getByEmail: users.getUserByEmail,
  list: users.listUsers,
  iterate: users.iterateUsers,
  create: users.createUser,
  update: users.updateUser,
  updateEmail: users.updateUserEmail,
  suspend: users.suspendUser,
  unsuspend: users.unsuspendUser,
  delete: users.deleteUser,
  getCurrent: users.getCurrentUserProfile,
  updateCurrent: users.updateCurrentUser,
  deleteCurrent: users.deleteCurrentUser,
  uploadAvatar: users.uploadAvatar,
  deleteAvatar: users.deleteAvatar,
};

const sessionFns = {
  list: sessions.listSessions,
  getCurrent: sessions.getCurrentSession,
  get: sessions.getSession,
  refresh: sessions.refreshSession,
  revoke: sessions.revokeSession,
  revokeOthers: sessions.revokeOtherSessions,
  getDevice: sessions.getSessionDevice,
  updateDevice: sessions.updateSessionDevice,
  listDevices: sessions.listDevices,
  trustCurrentDevice: sessions.trustCurrentDevice,
  revokeDeviceTrust: sessions.revokeDeviceTrust,
};

/** The object {@link createJanuaClient} returns. */
export interface JanuaClient {
  /** The underlying instance, for the standalone functions. */
  readonly janua: Janua;
  readonly auth: BoundAll<typeof authFns>;
  readonly users: BoundAll<typeof userFns>;
  readonly sessions: BoundAll<typeof sessionFns>;
  healthCheck(options?: RequestOptions): Promise<HealthStatus>;
  getApiVersion(options?: RequestOptions): Promise<string>;
  enableDebug(): void;
  disableDebug(): void;
  /** Calls any endpoint through the SDK pipeline. */
  request<T>(req: JanuaRequest): Promise<T>;
  /** A per-request client for one user's tokens (servers: one per incoming request). */
  withTokens(tokens: StoredTokens | TokenStore | null): JanuaClient;
}

function bindClient(janua: Janua): JanuaClient {
  return {
    janua,
    auth: bindAll(janua, authFns),
    users: bindAll(janua, userFns),
    sessions: bindAll(janua, sessionFns),
    healthCheck: (options) => healthCheck(janua, options),
    getApiVersion: (options) => getApiVersion(janua, options),
    enableDebug: () => enableDebug(janua),
    disableDebug: () => disableDebug(janua),
    request: <T>(req: JanuaRequest) => request<T>(janua, req),
    withTokens: (tokens) => bindClient(withTokens(janua, tokens)),
  };
}

/**
 * One object with every domain bound to one instance, for backends where bundle size does not
 * matter: `client.auth.signIn(...)`, `client.users.update(...)`, `client.sessions.list()`. Each
 * method is the standalone function of the domain package; for browser and edge bundles import
 * those directly instead.
 *
 * @example
 * ```ts
 * const client = createJanuaClient({ baseUrl: 'http://localhost:4100' });
 * await client.auth.signIn({ email: 'ada@example.com', password: 'Correct-Horse-9!' });
 * console.log((await client.users.getCurrent()).displayName);
 * ```
 */
export function createJanuaClient(options: JanuaOptions = {}): JanuaClient {
  return bindClient(createJanua(options));
}
