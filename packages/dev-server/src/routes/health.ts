import { Hono } from 'hono';
import { iso } from '../clock';
import type { Env } from '../context';

/** §4.10 health and version, and the §3.4 discovery documents. */
export function healthRoutes(): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/health', (c) => {
    const dev = c.get('dev');
    return c.json({ status: 'healthy', version: dev.config.version, environment: 'development' });
  });
  app.get('/ready', (c) => c.json({ status: 'ready', database: { healthy: true }, redis: false }));
  // §4.10 names the top-level keys and the feature flags only; the sections' contents describe
  // this server as it is (every feature on, no Redis, beta routes off).
  app.get('/api/status', (c) => {
    const { config } = c.get('dev');
    return c.json({
      status: 'operational',
      version: config.version,
      authentication: {
        token_type: 'bearer',
        algorithm: 'RS256',
        access_token_expires_in: config.accessTokenTtl,
        refresh_token_expires_in: config.refreshTokenTtl,
        api_keys: true,
        methods: ['password', 'magic_link', 'oauth', 'mfa', 'passkeys', 'sso'],
      },
      infrastructure: { environment: 'development', database: 'healthy', redis: 'not_configured' },
      endpoints: {
        api: '/api/v1',
        auth: '/api/v1/auth',
        users: '/api/v1/users/',
        organizations: '/api/v1/organizations/',
        health: '/health',
        jwks: '/.well-known/jwks.json',
        openid_configuration: '/.well-known/openid-configuration',
      },
      features: {
        signups: true,
        magic_links: true,
        oauth: true,
        mfa: true,
        organizations: true,
        beta_endpoints: false,
      },
    });
  });
  app.get('/api/v1/health', (c) =>
    c.json({ status: 'healthy', timestamp: iso(c.get('dev').clock.now()), service: 'janua-api', version: '1.0.0' }),
  );
  app.get('/api/v1/health/live', (c) => c.json({ status: 'alive', timestamp: iso(c.get('dev').clock.now()) }));
  app.get('/api/v1/health/ready', (c) => c.json({ status: 'ready', timestamp: iso(c.get('dev').clock.now()) }));
  app.get('/.well-known/jwks.json', (c) => c.json({ keys: [c.get('dev').keys.jwk] }));
  app.get('/.well-known/openid-configuration', (c) => {
    const url = c.get('dev').config.url;
    return c.json({
      issuer: url,
      authorization_endpoint: `${url}/api/v1/oauth/authorize`,
      token_endpoint: `${url}/api/v1/oauth/token`,
      userinfo_endpoint: `${url}/api/v1/oauth/userinfo`,
      jwks_uri: `${url}/.well-known/jwks.json`,
      revocation_endpoint: `${url}/api/v1/oauth/revoke`,
      introspection_endpoint: `${url}/api/v1/oauth/introspect`,
      end_session_endpoint: `${url}/logout`,
      id_token_signing_alg_values_supported: ['RS256'],
      code_challenge_methods_supported: ['S256', 'plain'],
    });
  });
  return app;
}
