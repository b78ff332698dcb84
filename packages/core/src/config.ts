import { ConfigurationError } from './errors/configuration-error';
import type { Logger } from './logger';
import type { TokenStore } from './tokens/token-store';

/** The three published Janua deployments (contract §1.1). */
export type JanuaEnvironment = 'production' | 'staging' | 'development';

/** Which runtime build of `@janua/core` is in use; picked by export conditions, never sniffed. */
export type JanuaRuntime = 'node' | 'browser' | 'web';

/** Default base URL (server root) of each environment. */
export const ENVIRONMENT_URLS: Readonly<Record<JanuaEnvironment, string>> = {
  production: 'https://api.janua.dev',
  staging: 'https://staging-api.janua.dev',
  development: 'http://localhost:4100',
};

/** Options of {@link createJanua}. Every option is optional; `JANUA_*` variables fill the gaps. */
export interface JanuaOptions {
  /** Server-side API key (`sk_live_…`), sent as `X-API-Key`. Never sent from a browser build. Env: `JANUA_API_KEY`. */
  apiKey?: string;
  /** Server root, e.g. `https://api.janua.dev`. A trailing `/` or `/api/v1` is stripped. Env: `JANUA_BASE_URL`. */
  baseUrl?: string;
  /** Picks the default base URL. Default `production`. Env: `JANUA_ENVIRONMENT`. */
  environment?: JanuaEnvironment;
  /** Per-attempt timeout in milliseconds. Default 30 000; 0 disables it. */
  timeout?: number;
  /** Retries after the first attempt (contract §1.6). Default 3. */
  maxRetries?: number;
  /** Log every request (method, path, status, duration, attempt) with secrets redacted. */
  debug?: boolean;
  /** Extra headers sent with every request. From browsers only CORS-allowed names are sent. */
  headers?: Record<string, string>;
  /** A `fetch` implementation to use instead of the runtime's transport. */
  fetch?: typeof globalThis.fetch;
  /** Where tokens live. Default: in memory, per instance. */
  tokenStorage?: TokenStore;
  /** Receives debug lines and warnings. Default: `console`. */
  logger?: Logger;
  /**
   * Environment variables to read instead of `process.env` (useful on edge runtimes that pass
   * `env` to the handler). Browser builds never read `process`.
   */
  env?: Record<string, string | undefined>;
}

/** Options after defaults, environment variables and validation. */
export interface ResolvedConfig {
  readonly apiKey: string | undefined;
  readonly baseUrl: string;
  readonly environment: JanuaEnvironment;
  readonly timeout: number;
  readonly maxRetries: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly runtime: JanuaRuntime;
}

const ENVIRONMENTS = Object.keys(ENVIRONMENT_URLS) as JanuaEnvironment[];

// One template for every option error keeps the messages uniform (and the bundle small); each
// names the option, so the caller knows what to fix.
function check(ok: unknown, option: string, expected: string): asserts ok {
  if (!ok) throw new ConfigurationError({ code: 'CONFIGURATION_ERROR', message: `${option} must be ${expected}` });
}

/** Normalises a base URL to the server root (contract §1.1). */
export function normaliseBaseUrl(input: string, option = 'baseUrl'): string {
  let url: URL | undefined;
  // A non-string input throws here too, and gets the same message.
  try {
    url = new URL(input.trim());
  } catch {}
  check(
    url && /^https?:$/.test(url.protocol) && !url.username && !url.password,
    option,
    'an absolute http(s) URL without credentials',
  );
  return url.origin + url.pathname.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
}

function nonNegative(value: unknown, fallback: number, option: string): number {
  if (value === undefined) return fallback;
  check(Number.isFinite(value) && (value as number) >= 0, option, 'a non-negative number');
  return Math.floor(value as number);
}

/** @internal Resolves options + env into a frozen config; the entry passes its runtime's default env. */
export function resolveConfig(
  options: JanuaOptions,
  runtime: JanuaRuntime,
  defaultEnv: Record<string, string | undefined> = {},
): ResolvedConfig {
  check(options !== null && typeof options === 'object', 'options', 'an object');
  const env = options.env ?? defaultEnv;
  const environment = (options.environment ?? (env.JANUA_ENVIRONMENT || 'production')) as JanuaEnvironment;
  check(ENVIRONMENTS.includes(environment), 'environment', `one of ${ENVIRONMENTS.join(', ')}`);
  const fromEnv = options.baseUrl === undefined && !!env.JANUA_BASE_URL;
  const rawBase = options.baseUrl ?? (env.JANUA_BASE_URL || ENVIRONMENT_URLS[environment]);
  const apiKey = options.apiKey ?? (env.JANUA_API_KEY || undefined);
  check(apiKey === undefined || (typeof apiKey === 'string' && apiKey.trim()), 'apiKey', 'a non-empty string');
  let headers: Record<string, string> | undefined;
  // The platform's own Headers validates names and values (no CR/LF) and lower-cases the names.
  try {
    headers = Object.fromEntries(new Headers(options.headers));
  } catch {}
  check(headers, 'headers', 'valid header names and string values');
  check(options.fetch === undefined || typeof options.fetch === 'function', 'fetch', 'a function');
  const config = {
    baseUrl: normaliseBaseUrl(rawBase, fromEnv ? 'JANUA_BASE_URL' : 'baseUrl'),
    environment,
    timeout: nonNegative(options.timeout, 30_000, 'timeout'),
    maxRetries: nonNegative(options.maxRetries, 3, 'maxRetries'),
    headers,
    runtime,
  } as ResolvedConfig;
  // Non-enumerable: `console.log(janua)`, `JSON.stringify` and structured loggers skip it.
  Object.defineProperty(config, 'apiKey', { value: apiKey?.trim() });
  return Object.freeze(config);
}
