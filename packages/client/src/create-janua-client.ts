import * as auth from '@janua/auth';
import {
  type ApiStatus,
  createJanua,
  disableDebug,
  enableDebug,
  getApiStatus,
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
import * as enterprise from '@janua/enterprise';
import * as mfa from '@janua/mfa';
import * as orgs from '@janua/orgs';
import * as passkeys from '@janua/passkeys';
import * as sessions from '@janua/sessions';
import * as users from '@janua/users';
import * as webhooks from '@janua/webhooks';
import { type BoundAll, bindAll } from './bind';

const authFns = {
  signUp: auth.signUp,
  signIn: auth.signIn,
  signOut: auth.signOut,
  refreshTokens: auth.refreshTokens,
  getCurrentUser: auth.getCurrentUser,
  getAuthSession: auth.getAuthSession,
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
  listConsents: users.listConsents,
  grantConsent: users.grantConsent,
  revokeConsent: users.revokeConsent,
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
  listActivity: sessions.listSessionActivity,
  listSecurityAlerts: sessions.listSecurityAlerts,
};

/** The object {@link createJanuaClient} returns. */
export interface JanuaClient {
  /** The underlying instance, for the standalone functions. */
  readonly janua: Janua;
  readonly auth: BoundAll<typeof authFns>;
  readonly users: BoundAll<typeof userFns>;
  readonly sessions: BoundAll<typeof sessionFns>;
  readonly organizations: BoundAll<typeof organizationFns>;
  readonly mfa: BoundAll<typeof mfaFns>;
  readonly passkeys: BoundAll<typeof passkeyFns>;
  readonly webhooks: BoundAll<typeof webhookFns>;
  readonly enterprise: {
    readonly apiKeys: BoundAll<typeof apiKeyFns>;
    readonly auditLogs: BoundAll<typeof auditLogFns>;
    readonly scim: BoundAll<typeof scimFns>;
    readonly sso: BoundAll<typeof ssoFns>;
  };
  healthCheck(options?: RequestOptions): Promise<HealthStatus>;
  getApiVersion(options?: RequestOptions): Promise<string>;
  getApiStatus(options?: RequestOptions): Promise<ApiStatus>;
  enableDebug(): void;
  disableDebug(): void;
  /** Calls any endpoint through the SDK pipeline. */
  request<T>(req: JanuaRequest): Promise<T>;
  /** A per-request client for one user's tokens (servers: one per incoming request). */
  withTokens(tokens: StoredTokens | TokenStore | null): JanuaClient;
}

const organizationFns = {
  create: orgs.createOrganization,
  get: orgs.getOrganization,
  getBySlug: orgs.getOrganizationBySlug,
  list: orgs.listOrganizations,
  iterate: orgs.iterateOrganizations,
  update: orgs.updateOrganization,
  delete: orgs.deleteOrganization,
  getSettings: orgs.getOrganizationSettings,
  updateSettings: orgs.updateOrganizationSettings,
  listMembers: orgs.listMembers,
  addMember: orgs.addMember,
  updateMemberRole: orgs.updateMemberRole,
  removeMember: orgs.removeMember,
  checkPermission: orgs.checkPermission,
  createInvite: orgs.createInvite,
  createInvites: orgs.createInvites,
  listInvites: orgs.listInvites,
  iterateInvites: orgs.iterateInvites,
  getInvite: orgs.getInvite,
  resendInvite: orgs.resendInvite,
  revokeInvite: orgs.revokeInvite,
  updateInvite: orgs.updateInvite,
  cleanupExpiredInvites: orgs.cleanupExpiredInvites,
  validateInvite: orgs.validateInvite,
  acceptInvite: orgs.acceptInvite,
  listRoles: orgs.listRoles,
  iterateRoles: orgs.iterateRoles,
  createRole: orgs.createRole,
  updateRole: orgs.updateRole,
  deleteRole: orgs.deleteRole,
  assignRole: orgs.assignRole,
};

const mfaFns = {
  getStatus: mfa.getMfaStatus,
  setupTotp: mfa.setupTotp,
  verifyTotp: mfa.verifyTotp,
  disable: mfa.disableMfa,
  generateBackupCodes: mfa.generateBackupCodes,
  validateCode: mfa.validateCode,
  setupSms: mfa.setupSms,
  verifySms: mfa.verifySms,
  createChallenge: mfa.createChallenge,
  verifyChallenge: mfa.verifyChallenge,
  trustDevice: mfa.trustDevice,
  getRecoveryOptions: mfa.getRecoveryOptions,
  initiateRecovery: mfa.initiateRecovery,
};

const passkeyFns = {
  beginRegistration: passkeys.beginRegistration,
  completeRegistration: passkeys.completeRegistration,
  beginAuthentication: passkeys.beginAuthentication,
  completeAuthentication: passkeys.completeAuthentication,
  list: passkeys.listPasskeys,
  iterate: passkeys.iteratePasskeys,
  rename: passkeys.renamePasskey,
  delete: passkeys.deletePasskey,
  getAvailability: passkeys.getPasskeyAvailability,
};

const webhookFns = {
  createEndpoint: webhooks.createEndpoint,
  listEndpoints: webhooks.listEndpoints,
  getEndpoint: webhooks.getEndpoint,
  updateEndpoint: webhooks.updateEndpoint,
  deleteEndpoint: webhooks.deleteEndpoint,
  rotateSecret: webhooks.rotateSecret,
  testEndpoint: webhooks.testEndpoint,
  getEndpointStats: webhooks.getEndpointStats,
  listEvents: webhooks.listEvents,
  iterateEvents: webhooks.iterateEvents,
  listDeliveries: webhooks.listDeliveries,
  iterateDeliveries: webhooks.iterateDeliveries,
  listEventTypes: webhooks.listEventTypes,
};

const apiKeyFns = {
  create: enterprise.createApiKey,
  list: enterprise.listApiKeys,
  get: enterprise.getApiKey,
  update: enterprise.updateApiKey,
  rotate: enterprise.rotateApiKey,
  delete: enterprise.deleteApiKey,
  verify: enterprise.verifyApiKey,
};

const auditLogFns = {
  list: enterprise.listAuditLogs,
  iterate: enterprise.iterateAuditLogs,
  get: enterprise.getAuditLog,
  getStats: enterprise.getAuditStats,
  export: enterprise.exportAuditLogs,
  listActions: enterprise.listAuditActions,
  cleanup: enterprise.cleanupAuditLogs,
};

const scimFns = {
  createConfig: enterprise.createScimConfig,
  getConfig: enterprise.getScimConfig,
  updateConfig: enterprise.updateScimConfig,
  deleteConfig: enterprise.deleteScimConfig,
  rotateToken: enterprise.rotateScimToken,
  getStatus: enterprise.getScimStatus,
  listLogs: enterprise.listScimLogs,
};

const ssoFns = {
  createConfiguration: enterprise.createSsoConfiguration,
  getConfiguration: enterprise.getSsoConfiguration,
  updateConfiguration: enterprise.updateSsoConfiguration,
  deleteConfiguration: enterprise.deleteSsoConfiguration,
  testConfiguration: enterprise.testSsoConfiguration,
  getMetadata: enterprise.getSsoMetadata,
  getLoginUrl: enterprise.getSsoLoginUrl,
};

/** @internal Every table of bound domain functions, so a test can prove no export is left out. */
export const BOUND_TABLES = {
  authFns,
  userFns,
  sessionFns,
  organizationFns,
  mfaFns,
  passkeyFns,
  webhookFns,
  apiKeyFns,
  auditLogFns,
  scimFns,
  ssoFns,
};

function bindClient(janua: Janua): JanuaClient {
  return {
    janua,
    auth: bindAll(janua, authFns),
    users: bindAll(janua, userFns),
    sessions: bindAll(janua, sessionFns),
    organizations: bindAll(janua, organizationFns),
    mfa: bindAll(janua, mfaFns),
    passkeys: bindAll(janua, passkeyFns),
    webhooks: bindAll(janua, webhookFns),
    enterprise: {
      apiKeys: bindAll(janua, apiKeyFns),
      auditLogs: bindAll(janua, auditLogFns),
      scim: bindAll(janua, scimFns),
      sso: bindAll(janua, ssoFns),
    },
    healthCheck: (options) => healthCheck(janua, options),
    getApiVersion: (options) => getApiVersion(janua, options),
    getApiStatus: (options) => getApiStatus(janua, options),
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
