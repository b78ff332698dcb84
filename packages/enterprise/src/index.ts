export { type CleanupAuditLogsParams, cleanupAuditLogs } from './cleanup-audit-logs';
export { type CreateApiKeyParams, createApiKey } from './create-api-key';
export { type CreateScimConfigParams, createScimConfig } from './create-scim-config';
export { type CreateSsoConfigurationParams, createSsoConfiguration } from './create-sso-configuration';
export { deleteApiKey } from './delete-api-key';
export { deleteScimConfig } from './delete-scim-config';
export { deleteSsoConfiguration } from './delete-sso-configuration';
export { type AuditExport, type ExportAuditLogsParams, exportAuditLogs } from './export-audit-logs';
export { getApiKey } from './get-api-key';
export { getAuditLog } from './get-audit-log';
export { getAuditStats } from './get-audit-stats';
export { getScimConfig } from './get-scim-config';
export { getScimStatus } from './get-scim-status';
export { getSsoConfiguration } from './get-sso-configuration';
export { type GetSsoLoginUrlParams, getSsoLoginUrl } from './get-sso-login-url';
export { getSsoMetadata } from './get-sso-metadata';
export { iterateAuditLogs } from './iterate-audit-logs';
export { type ListApiKeysParams, listApiKeys } from './list-api-keys';
export { listAuditActions } from './list-audit-actions';
export { type ListAuditLogsParams, listAuditLogs } from './list-audit-logs';
export { listScimLogs } from './list-scim-logs';
export { rotateApiKey } from './rotate-api-key';
export { rotateScimToken } from './rotate-scim-token';
export { testSsoConfiguration } from './test-sso-configuration';
export type {
  ApiKey,
  ApiKeyVerification,
  ApiKeyWithSecret,
  AuditActions,
  AuditCleanupResult,
  AuditLog,
  AuditStats,
  RotatedApiKey,
  ScimConfig,
  ScimLog,
  ScimProvider,
  ScimStatus,
  ScimToken,
  SsoConfiguration,
  SsoSettingsParams,
} from './types';
export { type UpdateApiKeyParams, updateApiKey } from './update-api-key';
export { type UpdateScimConfigParams, updateScimConfig } from './update-scim-config';
export { type UpdateSsoConfigurationParams, updateSsoConfiguration } from './update-sso-configuration';
export { verifyApiKey } from './verify-api-key';
