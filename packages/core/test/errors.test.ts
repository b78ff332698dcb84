import { createRequire } from 'node:module';
import {
  AuthenticationError,
  AuthorizationError,
  ConflictError,
  createErrorFromResponse,
  isJanuaError,
  JanuaError,
  NotFoundError,
  parseDate,
  parseOptionalDate,
  RateLimitError,
  ServerError,
  ValidationError,
} from '@janua/core';
import { describe, expect, test } from 'vitest';

const err = (status: number, body: unknown, headers: Record<string, string> = {}, now = 1_767_225_600_000) =>
  createErrorFromResponse({
    status,
    headers,
    bodyText: typeof body === 'string' ? body : JSON.stringify(body),
    now,
  });

describe('error normalisation (contract §2.2)', () => {
  test('canonical envelope', () => {
    const e = err(400, {
      error: { code: 'HTTP_ERROR', message: 'Email already registered', request_id: 'req-1', timestamp: 1 },
    });
    expect(e).toBeInstanceOf(ValidationError);
    expect(e).toMatchObject({
      status: 400,
      code: 'HTTP_ERROR',
      message: 'Email already registered',
      requestId: 'req-1',
    });
    expect(e.name).toBe('ValidationError');
  });

  test('422 with field errors', () => {
    const e = err(422, {
      error: {
        code: 'VALIDATION_ERROR',
        message: 'Request validation failed',
        details: { validation_errors: [{ field: 'body.email', message: 'bad', type: 'value_error' }] },
        request_id: 'r',
      },
    }) as ValidationError;
    expect(e.fieldErrors).toEqual([{ field: 'body.email', message: 'bad', type: 'value_error' }]);
  });

  test('stock FastAPI 422 detail array', () => {
    const e = err(422, { detail: [{ loc: ['body', 'password'], msg: 'too short', type: 'string_too_short' }] });
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).fieldErrors).toEqual([
      { field: 'body.password', message: 'too short', type: 'string_too_short' },
    ]);
    expect(e.code).toBe('VALIDATION_ERROR');
  });

  test('SCIM message object', () => {
    const scim = { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404', detail: 'User not found' };
    const e = err(404, { error: { code: 'HTTP_ERROR', message: scim, request_id: 'r' } });
    expect(e).toBeInstanceOf(NotFoundError);
    expect(e.message).toBe('User not found');
    expect(e.details.scim).toEqual(scim);
  });

  test('{error, message} string pair', () => {
    const e = err(409, { error: 'conflict', message: 'Taken', details: { a: 1 } });
    expect(e).toBeInstanceOf(ConflictError);
    expect(e).toMatchObject({ code: 'conflict', message: 'Taken', details: { a: 1 } });
  });

  test('{detail} from the API-key middleware', () => {
    const e = err(401, { detail: 'Invalid or revoked API key' });
    expect(e).toBeInstanceOf(AuthenticationError);
    expect(e.message).toBe('Invalid or revoked API key');
  });

  test('403 Not authenticated is an authentication error; other 403s are authorization errors', () => {
    expect(err(403, { detail: 'Not authenticated' })).toBeInstanceOf(AuthenticationError);
    expect(err(403, { detail: 'Admin access required' })).toBeInstanceOf(AuthorizationError);
  });

  test('423 lockout', () => {
    const e = err(423, { error: { code: 'HTTP_ERROR', message: 'Account locked', request_id: 'r' } });
    expect(e).toBeInstanceOf(AuthenticationError);
    expect(e.code).toBe('ACCOUNT_LOCKED');
  });

  test('410 is not found', () => expect(err(410, { detail: 'Invitation expired' })).toBeInstanceOf(NotFoundError));

  test('HTML and empty bodies from proxies', () => {
    const proxied = (status: number, bodyText: string, statusText?: string) =>
      createErrorFromResponse({ status, statusText, headers: {}, bodyText });
    const html = proxied(502, '<html><body><h1>502 Bad Gateway</h1></body></html>', 'Bad Gateway');
    expect(html).toBeInstanceOf(ServerError);
    expect(html.message).toBe('Bad Gateway');
    expect(proxied(504, '', 'Gateway Timeout').message).toBe('Gateway Timeout');
    // HTTP/2 responses carry no reason phrase.
    expect(proxied(504, '', '').message).toBe('HTTP 504');
    expect(proxied(502, '<html></html>').message).toBe('HTTP 502');
    expect(err(400, 'Invalid host header').message).toBe('Invalid host header');
  });

  test('wrapped SSO 500 maps to the inner status', () => {
    const e = err(500, { error: { code: 'HTTP_ERROR', message: '404: SSO configuration not found', request_id: 'r' } });
    expect(e).toBeInstanceOf(NotFoundError);
    expect(e.status).toBe(404);
    expect(e.message).toBe('SSO configuration not found');
  });

  test('unknown 4xx is the base class', () => {
    const e = err(418, { detail: 'teapot' });
    expect(e.constructor).toBe(JanuaError);
    expect(e.status).toBe(418);
  });
});

describe('RateLimitError.retryAfter (contract §1.5)', () => {
  const now = 1_767_225_600_000;
  test('Retry-After seconds header wins', () => {
    const e = err(
      429,
      { detail: 'Rate limit exceeded for this API key' },
      {
        'retry-after': '7',
        'x-ratelimit-limit': '60',
        'x-ratelimit-remaining': '0',
      },
    ) as RateLimitError;
    expect(e).toBeInstanceOf(RateLimitError);
    expect(e).toMatchObject({ retryAfter: 7, limit: 60, remaining: 0 });
  });
  test('Retry-After HTTP date', () => {
    const date = new Date(now + 30_000).toUTCString();
    expect((err(429, {}, { 'retry-after': date }, now) as RateLimitError).retryAfter).toBe(30);
  });
  test('shape A: "N per M minute"', () => {
    expect((err(429, { error: 'Rate limit exceeded: 5 per 1 minute' }) as RateLimitError).retryAfter).toBe(60);
    expect((err(429, { error: 'Rate limit exceeded: 3 per 1 hour' }) as RateLimitError).retryAfter).toBe(3600);
  });
  test('shape C: unix timestamp in the body', () => {
    const e = err(
      429,
      { detail: 'Rate limit exceeded', error: 'too_many_requests', retry_after: now / 1000 + 42, limit: 10 },
      {},
      now,
    ) as RateLimitError;
    expect(e.retryAfter).toBe(42);
    expect(e.limit).toBe(10);
    expect(e.code).toBe('too_many_requests');
  });
  test('shape D: canonical details', () => {
    const e = err(
      429,
      {
        error: {
          code: 'RATE_LIMIT_ERROR',
          message: 'Rate limit exceeded',
          details: { retry_after: 42, limit: 5, window: 60 },
          request_id: 'r',
        },
      },
      { 'x-ratelimit-reset': String(now / 1000 + 42) },
    ) as RateLimitError;
    expect(e).toMatchObject({ retryAfter: 42, limit: 5, code: 'RATE_LIMIT_ERROR' });
    expect(e.resetAt?.getTime()).toBe(now + 42_000);
  });
  test('nothing known → null', () => expect((err(429, '') as RateLimitError).retryAfter).toBeNull());
});

describe('isJanuaError', () => {
  test('works across the ESM source and the CJS build (duplicate copies)', () => {
    const require = createRequire(import.meta.url);
    const cjs = require('../dist/node.cjs') as typeof import('@janua/core');
    const fromCjs = new cjs.NotFoundError({ message: 'x', status: 404 });
    expect(fromCjs instanceof NotFoundError).toBe(false); // the reason the guard exists
    expect(isJanuaError(fromCjs)).toBe(true);
    expect(cjs.isJanuaError(new ServerError({ message: 'y', status: 500 }))).toBe(true);
  });
  test('rejects look-alikes', () => {
    expect(isJanuaError(new Error('x'))).toBe(false);
    expect(isJanuaError({ status: 400, code: 'X', name: 'JanuaError' })).toBe(false);
    expect(isJanuaError(null)).toBe(false);
  });
});

describe('parseDate', () => {
  test('naive timestamps are UTC, offsets are kept, anything else throws instead of an Invalid Date', () => {
    expect(parseDate('2026-01-01T12:34:56').toISOString()).toBe('2026-01-01T12:34:56.000Z');
    expect(parseDate('2026-01-01T12:34:56.123456').toISOString()).toBe('2026-01-01T12:34:56.123Z');
    expect(parseDate('2026-01-01T12:34:56+02:00').toISOString()).toBe('2026-01-01T10:34:56.000Z');
    for (const bad of [undefined, '', 'soon', 42]) expect(() => parseDate(bad as never)).toThrow(TypeError);
    expect(parseOptionalDate(null)).toBeNull();
  });
});
