import { Hono } from 'hono';
import type { Dev, Env } from './context';
import { HttpError, renderError } from './errors';
import { apiKeyCheck } from './middleware/api-key';
import { authRateLimits } from './middleware/auth-rate-limits';
import { corsPolicy } from './middleware/cors';
import { faults } from './middleware/faults';
import { requestContext } from './middleware/request-context';
import { slashes } from './middleware/slashes';
import { apiKeyRoutes } from './routes/api-keys';
import { auditRoutes } from './routes/audit-logs';
import { authRoutes, rootLogoutRoutes } from './routes/auth';
import { authFlowRoutes } from './routes/auth-flows';
import { devRoutes } from './routes/dev';
import { devWebhookRoutes } from './routes/dev-webhooks';
import { healthRoutes } from './routes/health';
import { invitationRoutes } from './routes/invitations';
import { mfaRoutes } from './routes/mfa';
import { oauthRoutes, standInOAuthRoutes } from './routes/oauth';
import { organizationRoutes } from './routes/organizations';
import { passkeyRoutes } from './routes/passkeys';
import { roleRoutes } from './routes/roles';
import { scimConfigRoutes, scimServiceRoutes } from './routes/scim';
import { deviceRoutes, sessionRoutes } from './routes/sessions';
import { ssoRoutes, standInOidcIdpRoutes, standInSamlIdpRoutes } from './routes/sso';
import { adminRoutes, uploadRoutes, userRoutes } from './routes/users';
import { webhookRoutes } from './routes/webhooks';
import { mfaChallenge } from './services/mfa';

const ROUTE_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Builds the hono app from the route modules; no logic of its own. */
export function createApp(dev: Dev, reset: () => Promise<void>): Hono<Env> {
  // Not strict: the slashes middleware already sent the non-canonical form a 307 (§1.1).
  const app = new Hono<Env>({ strict: false });
  app.use('*', requestContext(dev));
  app.use('*', faults);
  app.use('*', corsPolicy(dev.config.origins));
  app.use('*', slashes);
  app.use('*', apiKeyCheck);
  app.use('*', authRateLimits);
  app.route('/', healthRoutes());
  app.route('/__dev', devRoutes(reset));
  app.route('/api/v1/auth', authRoutes({ mfaChallenge }));
  app.route('/', rootLogoutRoutes());
  app.route('/api/v1/auth', authFlowRoutes());
  app.route('/api/v1/auth/oauth', oauthRoutes());
  app.route('/__dev/oauth', standInOAuthRoutes());
  app.route('/api/v1/users', userRoutes());
  app.route('/api/v1/admin', adminRoutes());
  app.route('/api/v1/sessions', sessionRoutes());
  app.route('/api/v1/devices', deviceRoutes());
  app.route('/uploads', uploadRoutes());
  app.route('/__dev/webhooks', devWebhookRoutes());
  app.route('/api/v1/webhooks', webhookRoutes());
  app.route('/api/v1/passkeys', passkeyRoutes());
  app.route('/api/v1/organizations', organizationRoutes());
  app.route('/api/v1/invitations', invitationRoutes());
  app.route('/api/v1/roles', roleRoutes());
  app.route('/api/v1/mfa', mfaRoutes());
  app.route('/api/v1/api-keys', apiKeyRoutes());
  app.route('/api/v1/audit-logs', auditRoutes(dev));
  app.route('/api/v1/organizations', scimConfigRoutes());
  app.route('/api/v1/scim/v2', scimServiceRoutes());
  app.route('/api/v1/sso', ssoRoutes());
  app.route('/__dev/idp/saml', standInSamlIdpRoutes());
  app.route('/__dev/idp/oidc', standInOidcIdpRoutes());
  app.notFound((c) => {
    // FastAPI answers a known path with the wrong method 405 (§2.1). OPTIONS never gets here:
    // the CORS middleware answers every preflight.
    const allowed = ROUTE_METHODS.filter((m) =>
      app.router.match(m, c.req.path)[0].some(([[, route]]) => route.method !== 'ALL'),
    );
    if (allowed.length > 0) {
      const allow = allowed.includes('GET') ? [...allowed, 'HEAD'] : allowed;
      return renderError(
        c,
        new HttpError(405, 'Method Not Allowed', 'HTTP_ERROR', undefined, { Allow: allow.join(', ') }),
      );
    }
    return renderError(c, new HttpError(404, 'Not Found'));
  });
  app.onError((err, c) => renderError(c, err));
  return app;
}
