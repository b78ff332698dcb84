import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll } from 'vitest';
import { describeBad2xx, is, shape } from '../../../test-support/bad-2xx';
import * as webhooks from '../src/index';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer({ scryptN: 1024 });
});
afterAll(() => server.close());

const id = '11111111-2222-4333-8444-555555555555';
const endpoint = { endpointId: id };
const url = 'https://example.com/hook';

const ENDPOINT = shape({
  id: is.string,
  url: is.string,
  secret: is.string,
  events: is.arrayOf(is.string),
  enabled: is.boolean,
  createdAt: is.date,
  updatedAt: is.date,
});

describeBad2xx({
  server: () => server,
  module: webhooks,
  table: {
    createEndpoint: {
      call: (j) => webhooks.createEndpoint(j, { url, events: ['user.created'] }),
      resolves: ENDPOINT,
    },
    deleteEndpoint: { call: (j) => webhooks.deleteEndpoint(j, endpoint), resolves: 'void' },
    getEndpoint: { call: (j) => webhooks.getEndpoint(j, endpoint), resolves: ENDPOINT },
    getEndpointStats: {
      call: (j) => webhooks.getEndpointStats(j, endpoint),
      resolves: shape({
        totalDeliveries: is.number,
        successful: is.number,
        failed: is.number,
        successRate: is.number,
        averageDeliveryTime: is.number,
        periodDays: is.number,
      }),
    },
    iterateDeliveries: { call: (j) => webhooks.iterateDeliveries(j, endpoint), resolves: 'list' },
    iterateEvents: { call: (j) => webhooks.iterateEvents(j, endpoint), resolves: 'list' },
    listDeliveries: { call: (j) => webhooks.listDeliveries(j, endpoint), resolves: 'list' },
    listEndpoints: { call: (j) => webhooks.listEndpoints(j), resolves: 'list' },
    listEvents: { call: (j) => webhooks.listEvents(j, endpoint), resolves: 'list' },
    // Names, not objects: an empty list is a valid answer, a non-array or a non-string item is not.
    listEventTypes: { call: (j) => webhooks.listEventTypes(j), resolves: is.arrayOf(is.string) },
    rotateSecret: { call: (j) => webhooks.rotateSecret(j, endpoint), resolves: ENDPOINT },
    testEndpoint: { call: (j) => webhooks.testEndpoint(j, endpoint), resolves: shape({ message: is.string }) },
    updateEndpoint: {
      call: (j) => webhooks.updateEndpoint(j, { ...endpoint, description: 'd' }),
      resolves: ENDPOINT,
    },
  },
  exempt: {
    constructWebhookEvent: 'local only: verifies and parses a payload, no request',
    verifyWebhookSignature: 'local only: verifies a signature, no request',
  },
});

// enabled: false is a POST and then a PATCH (and a DELETE when the PATCH fails).
describeBad2xx({
  server: () => server,
  module: { createEndpoint: webhooks.createEndpoint },
  table: {
    createEndpoint: {
      call: (j) => webhooks.createEndpoint(j, { url, events: ['user.created'], enabled: false }),
      resolves: ENDPOINT,
    },
  },
});
