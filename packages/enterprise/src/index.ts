export { type CreateApiKeyParams, createApiKey } from './create-api-key';
export { deleteApiKey } from './delete-api-key';
export { type AuditExport, type ExportAuditLogsParams, exportAuditLogs } from './export-audit-logs';
export { getApiKey } from './get-api-key';
export { getAuditLog } from './get-audit-log';
export { getAuditStats } from './get-audit-stats';
export { iterateAuditLogs } from './iterate-audit-logs';
export { type ListApiKeysParams, listApiKeys } from './list-api-keys';
export { listAuditActions } from './list-audit-actions';
export { type ListAuditLogsParams, listAuditLogs } from './list-audit-logs';
export { rotateApiKey } from './rotate-api-key';
export type {
  ApiKey,
  ApiKeyVerification,
  ApiKeyWithSecret,
  AuditActions,
  AuditLog,
  AuditStats,
  RotatedApiKey,
} from './types';
export { type UpdateApiKeyParams, updateApiKey } from './update-api-key';
export { verifyApiKey } from './verify-api-key';
