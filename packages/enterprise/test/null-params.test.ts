import { signIn, signUp } from '@janua/auth';
import { createJanua } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll } from 'vitest';
import { describeNullParams, OK } from '../../../test-support/null-params';
import * as enterprise from '../src/index';
import { PASSWORD, uniqueEmail } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer({ scryptN: 1024 });
});
afterAll(() => server.close());

describeNullParams({
  module: enterprise,
  table: {
    cleanupAuditLogs: OK,
    createApiKey: 'organizationId',
    createScimConfig: 'organizationId',
    createSsoConfiguration: 'organizationId',
    deleteApiKey: 'apiKeyId',
    deleteScimConfig: 'organizationId',
    deleteSsoConfiguration: 'organizationId',
    exportAuditLogs: 'format',
    getApiKey: 'apiKeyId',
    getAuditLog: 'auditLogId',
    getAuditStats: OK,
    getScimConfig: 'organizationId',
    getScimStatus: 'organizationId',
    getSsoConfiguration: 'organizationId',
    getSsoLoginUrl: 'organizationSlug',
    getSsoMetadata: 'organizationId',
    iterateAuditLogs: OK,
    listApiKeys: OK,
    listAuditLogs: OK,
    listScimLogs: 'organizationId',
    rotateApiKey: 'apiKeyId',
    rotateScimToken: 'organizationId',
    testSsoConfiguration: 'configurationId',
    updateApiKey: 'apiKeyId',
    updateScimConfig: 'organizationId',
    updateSsoConfiguration: 'organizationId',
    verifyApiKey: 'key',
  },
  exempt: { listAuditActions: 'takes no params' },
  janua: async (name, options) => {
    const janua = createJanua({ baseUrl: server.url, env: {}, ...options });
    // Audit statistics and cleanup are for platform admins only.
    if (name === 'getAuditStats' || name === 'cleanupAuditLogs')
      await signIn(janua, { email: server.admin.email, password: server.admin.password });
    else await signUp(janua, { email: uniqueEmail(), password: PASSWORD });
    return janua;
  },
});
