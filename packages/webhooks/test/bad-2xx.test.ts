import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll } from 'vitest';
import { describeBad2xx } from '../../../test-support/bad-2xx';
import * as webhooks from '../src/index';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer({ scryptN: 1024 });
});
afterAll(() => server.close());

const id = '11111111-2222-4333-8444-555555555555';
const endpoint = { endpointId: id };
const url = 'https://example.com/hook';

describeBad2xx({
  server: () => server,
  module: webhooks,
  table: {
    createEndpoint: (j) => webhooks.createEndpoint(j, { url, events: ['user.created'] }),
    deleteEndpoint: (j) => webhooks.deleteEndpoint(j, endpoint),
    getEndpoint: (j) => webhooks.getEndpoint(j, endpoint),
    getEndpointStats: (j) => webhooks.getEndpointStats(j, endpoint),
    iterateDeliveries: (j) => webhooks.iterateDeliveries(j, endpoint),
    iterateEvents: (j) => webhooks.iterateEvents(j, endpoint),
    listDeliveries: (j) => webhooks.listDeliveries(j, endpoint),
    listEndpoints: (j) => webhooks.listEndpoints(j),
    listEvents: (j) => webhooks.listEvents(j, endpoint),
    listEventTypes: (j) => webhooks.listEventTypes(j),
    rotateSecret: (j) => webhooks.rotateSecret(j, endpoint),
    testEndpoint: (j) => webhooks.testEndpoint(j, endpoint),
    updateEndpoint: (j) => webhooks.updateEndpoint(j, { ...endpoint, description: 'd' }),
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
  table: { createEndpoint: (j) => webhooks.createEndpoint(j, { url, events: ['user.created'], enabled: false }) },
});
