import { signUp } from '@janua/auth';
import { createJanua } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeNullParams, OK } from '../../../test-support/null-params';
import * as webhooks from '../src/index';
import { WebhookVerificationError } from '../src/index';
import { PASSWORD, rejectionOf, uniqueEmail } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer({ scryptN: 1024 });
});
afterAll(() => server.close());

describeNullParams({
  module: webhooks,
  table: {
    createEndpoint: 'url',
    deleteEndpoint: 'endpointId',
    getEndpoint: 'endpointId',
    getEndpointStats: 'endpointId',
    iterateDeliveries: 'endpointId',
    iterateEvents: 'endpointId',
    listDeliveries: 'endpointId',
    listEndpoints: OK,
    listEvents: 'endpointId',
    rotateSecret: 'endpointId',
    testEndpoint: 'endpointId',
    updateEndpoint: 'endpointId',
  },
  exempt: {
    listEventTypes: 'takes no params',
    constructWebhookEvent: 'takes no instance: below',
    verifyWebhookSignature: 'takes no instance: below',
  },
  janua: async (_, options) => {
    const janua = createJanua({ baseUrl: server.url, env: {}, ...options });
    await signUp(janua, { email: uniqueEmail(), password: PASSWORD });
    return janua;
  },
});

test.each([null, undefined])(
  'the receiver side with params = %s: false, or a WebhookVerificationError',
  async (params) => {
    expect(await webhooks.verifyWebhookSignature(params as never)).toBe(false);
    expect(await rejectionOf(webhooks.constructWebhookEvent(params as never))).toBeInstanceOf(WebhookVerificationError);
  },
);
