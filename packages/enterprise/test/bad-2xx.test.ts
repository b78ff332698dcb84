import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll } from 'vitest';
import { describeBad2xx, is, shape } from '../../../test-support/bad-2xx';
import * as enterprise from '../src/index';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer({ scryptN: 1024 });
});
afterAll(() => server.close());

const id = '11111111-2222-4333-8444-555555555555';
const org = { organizationId: id };

const API_KEY_FIELDS = {
  id: is.string,
  organizationId: is.string,
  name: is.string,
  prefix: is.string,
  scopes: is.arrayOf(is.string),
  isActive: is.boolean,
  createdAt: is.date,
};
const API_KEY = shape(API_KEY_FIELDS);
const API_KEY_WITH_SECRET = shape({ ...API_KEY_FIELDS, key: is.string });
const SCIM_CONFIG = shape({
  id: is.string,
  organizationId: is.string,
  provider: is.string,
  enabled: is.boolean,
  configuration: is.object,
  createdAt: is.date,
});
const SSO_CONFIGURATION = shape({
  id: is.string,
  organizationId: is.string,
  provider: is.string,
  status: is.string,
  enabled: is.boolean,
  allowedDomains: is.arrayOf(is.string),
  createdAt: is.date,
});

describeBad2xx({
  server: () => server,
  module: enterprise,
  table: {
    cleanupAuditLogs: {
      call: (j) => enterprise.cleanupAuditLogs(j, { olderThanDays: 30 }),
      resolves: shape({ message: is.string, deletedCount: is.number, cutoffDate: is.date }),
    },
    createApiKey: {
      call: (j) => enterprise.createApiKey(j, { ...org, name: 'ci', scopes: ['users:read'] }),
      resolves: API_KEY_WITH_SECRET,
    },
    createScimConfig: {
      call: (j) => enterprise.createScimConfig(j, { ...org, provider: 'okta', enabled: true }),
      resolves: SCIM_CONFIG,
    },
    createSsoConfiguration: {
      call: (j) => enterprise.createSsoConfiguration(j, { ...org, provider: 'saml' }),
      resolves: SSO_CONFIGURATION,
    },
    deleteApiKey: { call: (j) => enterprise.deleteApiKey(j, { apiKeyId: id }), resolves: 'void' },
    deleteScimConfig: { call: (j) => enterprise.deleteScimConfig(j, org), resolves: 'void' },
    deleteSsoConfiguration: { call: (j) => enterprise.deleteSsoConfiguration(j, org), resolves: 'void' },
    // A stream of the server's bytes, not parsed: its body is the caller's to read.
    exportAuditLogs: {
      call: (j) => enterprise.exportAuditLogs(j, { format: 'json' }),
      resolves: shape({
        stream: is.object,
        filename: is.nullable(is.string),
        contentType: is.nullable(is.string),
      }),
    },
    getApiKey: { call: (j) => enterprise.getApiKey(j, { apiKeyId: id }), resolves: API_KEY },
    getAuditLog: {
      call: (j) => enterprise.getAuditLog(j, { auditLogId: id }),
      resolves: shape({ id: is.string, action: is.string, timestamp: is.date }),
    },
    getAuditStats: {
      call: (j) => enterprise.getAuditStats(j),
      resolves: shape({
        totalEvents: is.number,
        eventsByAction: is.object,
        eventsByUser: is.arrayOf(is.object),
        eventsByResourceType: is.object,
        eventsByHour: is.arrayOf(is.object),
        uniqueUsers: is.number,
        uniqueIps: is.number,
        timeRange: shape({ start: is.date, end: is.date }),
      }),
    },
    getScimConfig: { call: (j) => enterprise.getScimConfig(j, org), resolves: SCIM_CONFIG },
    getScimStatus: {
      call: (j) => enterprise.getScimStatus(j, org),
      resolves: shape({
        enabled: is.boolean,
        provider: is.string,
        totalUsers: is.number,
        totalGroups: is.number,
        syncedUsers: is.number,
        syncedGroups: is.number,
        pendingUsers: is.number,
        pendingGroups: is.number,
        errorUsers: is.number,
        errorGroups: is.number,
        lastSyncAt: is.nullable(is.date),
        recentOperations: is.arrayOf(is.object),
      }),
    },
    getSsoConfiguration: { call: (j) => enterprise.getSsoConfiguration(j, org), resolves: SSO_CONFIGURATION },
    getSsoLoginUrl: {
      call: (j) => enterprise.getSsoLoginUrl(j, { organizationSlug: 'acme' }),
      resolves: is.string,
    },
    // The metadata XML as text: any 2xx body is a string; it is the identity provider that parses it.
    getSsoMetadata: { call: (j) => enterprise.getSsoMetadata(j, org), resolves: is.string },
    iterateAuditLogs: { call: (j) => enterprise.iterateAuditLogs(j), resolves: 'list' },
    listApiKeys: { call: (j) => enterprise.listApiKeys(j), resolves: 'list' },
    listAuditActions: {
      call: (j) => enterprise.listAuditActions(j),
      resolves: shape({ actions: is.arrayOf(is.string), counts: is.object }),
    },
    listAuditLogs: { call: (j) => enterprise.listAuditLogs(j), resolves: 'list' },
    listScimLogs: { call: (j) => enterprise.listScimLogs(j, org), resolves: 'list' },
    rotateApiKey: {
      call: (j) => enterprise.rotateApiKey(j, { apiKeyId: id }),
      resolves: shape({ ...API_KEY_FIELDS, key: is.string, previousPrefix: is.nullable(is.string) }),
    },
    rotateScimToken: {
      call: (j) => enterprise.rotateScimToken(j, org),
      resolves: shape({ bearerToken: is.string, message: is.string }),
    },
    // Contract: a provider-specific test report, an object.
    testSsoConfiguration: {
      call: (j) => enterprise.testSsoConfiguration(j, { configurationId: id }),
      resolves: is.object,
    },
    updateApiKey: { call: (j) => enterprise.updateApiKey(j, { apiKeyId: id, name: 'ci 2' }), resolves: API_KEY },
    updateScimConfig: {
      call: (j) => enterprise.updateScimConfig(j, { ...org, enabled: false }),
      resolves: SCIM_CONFIG,
    },
    updateSsoConfiguration: {
      call: (j) => enterprise.updateSsoConfiguration(j, { ...org, enabled: true }),
      resolves: SSO_CONFIGURATION,
    },
    verifyApiKey: {
      call: (j) => enterprise.verifyApiKey(j, { key: `sk_live_${'0'.repeat(64)}` }),
      resolves: shape({
        valid: is.boolean,
        organizationId: is.nullable(is.string),
        scopes: is.arrayOf(is.string),
        keyId: is.nullable(is.string),
      }),
    },
  },
});
