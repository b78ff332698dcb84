import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll } from 'vitest';
import { describeBad2xx } from '../../../test-support/bad-2xx';
import * as enterprise from '../src/index';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer({ scryptN: 1024 });
});
afterAll(() => server.close());

const id = '11111111-2222-4333-8444-555555555555';
const org = { organizationId: id };

describeBad2xx({
  server: () => server,
  module: enterprise,
  table: {
    createApiKey: (j) => enterprise.createApiKey(j, { ...org, name: 'ci', scopes: ['users:read'] }),
    createScimConfig: (j) => enterprise.createScimConfig(j, { ...org, provider: 'okta', enabled: true }),
    createSsoConfiguration: (j) => enterprise.createSsoConfiguration(j, { ...org, provider: 'saml' }),
    deleteApiKey: (j) => enterprise.deleteApiKey(j, { apiKeyId: id }),
    deleteScimConfig: (j) => enterprise.deleteScimConfig(j, org),
    deleteSsoConfiguration: (j) => enterprise.deleteSsoConfiguration(j, org),
    exportAuditLogs: (j) => enterprise.exportAuditLogs(j, { format: 'json' }),
    getApiKey: (j) => enterprise.getApiKey(j, { apiKeyId: id }),
    getAuditLog: (j) => enterprise.getAuditLog(j, { auditLogId: id }),
    getAuditStats: (j) => enterprise.getAuditStats(j),
    getScimConfig: (j) => enterprise.getScimConfig(j, org),
    getScimStatus: (j) => enterprise.getScimStatus(j, org),
    getSsoConfiguration: (j) => enterprise.getSsoConfiguration(j, org),
    getSsoLoginUrl: (j) => enterprise.getSsoLoginUrl(j, { organizationSlug: 'acme' }),
    getSsoMetadata: (j) => enterprise.getSsoMetadata(j, org),
    iterateAuditLogs: (j) => enterprise.iterateAuditLogs(j),
    listApiKeys: (j) => enterprise.listApiKeys(j),
    listAuditActions: (j) => enterprise.listAuditActions(j),
    listAuditLogs: (j) => enterprise.listAuditLogs(j),
    listScimLogs: (j) => enterprise.listScimLogs(j, org),
    rotateApiKey: (j) => enterprise.rotateApiKey(j, { apiKeyId: id }),
    rotateScimToken: (j) => enterprise.rotateScimToken(j, org),
    testSsoConfiguration: (j) => enterprise.testSsoConfiguration(j, { configurationId: id }),
    updateApiKey: (j) => enterprise.updateApiKey(j, { apiKeyId: id, name: 'ci 2' }),
    updateScimConfig: (j) => enterprise.updateScimConfig(j, { ...org, enabled: false }),
    updateSsoConfiguration: (j) => enterprise.updateSsoConfiguration(j, { ...org, enabled: true }),
    verifyApiKey: (j) => enterprise.verifyApiKey(j, { key: `sk_live_${'0'.repeat(64)}` }),
  },
});
