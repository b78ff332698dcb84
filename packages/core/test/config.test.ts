import { inspect } from 'node:util';
import { ConfigurationError, createJanua, ENVIRONMENT_URLS, withTokens } from '@janua/core';
import { describe, expect, test } from 'vitest';
import { createJanua as createBrowserJanua } from '../src/entry/browser';

describe('createJanua options', () => {
  test('base URL is normalised to the server root', () => {
    for (const input of ['http://h:1', 'http://h:1/', 'http://h:1/api/v1', 'http://h:1/api/v1/', 'http://h:1//']) {
      expect(createJanua({ baseUrl: input, env: {} }).config.baseUrl).toBe('http://h:1');
    }
    expect(createJanua({ baseUrl: 'https://x.test/prefix/api/v1/', env: {} }).config.baseUrl).toBe(
      'https://x.test/prefix',
    );
  });

  test('environment picks the default base URL; production by default', () => {
    expect(createJanua({ env: {} }).config.baseUrl).toBe('https://api.janua.dev');
    expect(createJanua({ environment: 'staging', env: {} }).config.baseUrl).toBe(ENVIRONMENT_URLS.staging);
    expect(createJanua({ environment: 'development', env: {} }).config.baseUrl).toBe('http://localhost:4100');
  });

  test('JANUA_* variables fill in, options win', () => {
    const env = {
      JANUA_API_KEY: 'sk_live_env',
      JANUA_BASE_URL: 'http://env.test/api/v1',
      JANUA_ENVIRONMENT: 'staging',
    };
    const fromEnv = createJanua({ env });
    expect(fromEnv.config).toMatchObject({ apiKey: 'sk_live_env', baseUrl: 'http://env.test', environment: 'staging' });
    const options = createJanua({ env, apiKey: 'sk_live_opt', baseUrl: 'http://opt.test' });
    expect(options.config).toMatchObject({ apiKey: 'sk_live_opt', baseUrl: 'http://opt.test' });
  });

  test('reads process.env where it exists', () => {
    process.env.JANUA_BASE_URL = 'http://from-process.test';
    try {
      expect(createJanua().config.baseUrl).toBe('http://from-process.test');
    } finally {
      delete process.env.JANUA_BASE_URL;
    }
  });

  test('the browser build never reads process.env', () => {
    process.env.JANUA_API_KEY = 'sk_live_should_not_leak';
    try {
      const janua = createBrowserJanua({ logger: { debug() {}, warn() {} } });
      expect(janua.config.apiKey).toBeUndefined();
      expect(janua.config.runtime).toBe('browser');
    } finally {
      delete process.env.JANUA_API_KEY;
    }
  });

  test.each([
    [{ baseUrl: 'ftp://x.test' }, /baseUrl/],
    [{ baseUrl: 'not a url' }, /baseUrl/],
    [{ timeout: -1 }, /timeout/],
    [{ timeout: Number.NaN }, /timeout/],
    [{ maxRetries: -2 }, /maxRetries/],
    [{ environment: 'prod' as never }, /environment/],
    [{ apiKey: '' }, /apiKey/],
    [{ headers: { 'bad header': 'x' } }, /headers/],
    [{ headers: { 'x-ok': 'a\r\nx-injected: 1' } }, /headers/],
    [{ fetch: 'nope' as never }, /fetch/],
  ])('bad option %j throws ConfigurationError naming it', (options, name) => {
    let error: unknown;
    try {
      createJanua({ ...options, env: {} });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(name);
    expect((error as Error).name).toBe('ConfigurationError');
  });

  test('a bad JANUA_BASE_URL names the variable', () => {
    expect(() => createJanua({ env: { JANUA_BASE_URL: 'mailto:x' } })).toThrow(/JANUA_BASE_URL/);
  });

  test('the instance is frozen', () => {
    const janua = createJanua({ env: {} });
    expect(Object.isFrozen(janua)).toBe(true);
    expect(Object.isFrozen(janua.config)).toBe(true);
  });

  test('the API key and tokens never show when an instance or a view is logged or serialised', () => {
    const apiKey = 'sk_live_do-not-print-me';
    const janua = createJanua({ apiKey, env: {} });
    expect(janua.config.apiKey).toBe(apiKey);
    const view = withTokens(janua, {
      accessToken: 'access-do-not-print',
      refreshToken: 'refresh-do-not-print',
      expiresAt: Date.now() + 60_000,
    });
    for (const value of [janua, view]) {
      const printed = [inspect(value, { depth: 10 }), JSON.stringify(value), String(value)].join('\n');
      expect(printed).not.toMatch(/do-not-print/);
    }
  });
});
