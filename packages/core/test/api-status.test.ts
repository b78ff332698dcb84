import { createJanua, getApiStatus, isJanuaError, JanuaError, ServerError } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { clearFaults } from '@janua/dev-server/testing';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { BAD_BODIES } from '../../../test-support/bad-2xx';
import { addFault, rejectionOf } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer();
});
afterAll(() => server.close());
afterEach(() => clearFaults(server));

const STATUS = '/api/status';

describe('getApiStatus', () => {
  test('reads the root status document, with no credentials and one request', async () => {
    // An API key is configured but nothing is signed in: the call needs neither.
    const janua = createJanua({ baseUrl: server.url, env: {}, apiKey: server.apiKey });
    const status = await getApiStatus(janua);
    expect(status).toMatchObject({
      status: 'operational',
      version: '0.1.0',
      features: {
        signups: true,
        magicLinks: true,
        oauth: true,
        mfa: true,
        organizations: true,
        betaEndpoints: false,
      },
    });
    // The sections the contract leaves open are passed through as sent.
    expect(status.authentication).toMatchObject({ token_type: 'bearer', algorithm: 'RS256' });
    expect(status.endpoints).toMatchObject({ api: '/api/v1', health: '/health' });
    expect(status.infrastructure).toMatchObject({ environment: 'development' });
    const log = server.requests('GET', STATUS);
    expect(log).toHaveLength(1);
    expect(log[0]?.authorization).toBe(false);
  });

  test('a 5xx is a ServerError (GET: retried, then given up)', async () => {
    await addFault(server, { path: STATUS, status: 503, times: 0 });
    const janua = createJanua({ baseUrl: server.url, env: {}, maxRetries: 1 });
    const before = server.requests('GET', STATUS).length;
    const err = await rejectionOf(getApiStatus(janua));
    expect(err).toBeInstanceOf(ServerError);
    expect(err.status).toBe(503);
    expect(server.requests('GET', STATUS).length - before).toBe(2);
  });

  // Root paths are outside the shared bad-2xx table's faults (`/api/v1/*`), so the check lives here.
  test.each([...BAD_BODIES, '{"status":"ok","version":"1","features":{}}'])(
    'a 200 with body %s rejects with INVALID_RESPONSE',
    async (body) => {
      await addFault(server, {
        path: STATUS,
        status: 200,
        body,
        headers: { 'content-type': 'application/json' },
        times: 0,
      });
      const err = await rejectionOf(getApiStatus(createJanua({ baseUrl: server.url, env: {}, maxRetries: 0 })));
      expect(isJanuaError(err)).toBe(true);
      expect(err).toBeInstanceOf(JanuaError);
      expect(err.code).toBe('INVALID_RESPONSE');
      expect(err.status).toBe(200);
    },
  );
});
