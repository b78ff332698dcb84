import { Hono } from 'hono';
import type { Dev, Env } from './context';
import { HttpError, renderError } from './errors';
import { apiKeyCheck } from './middleware/api-key';
import { authRateLimits } from './middleware/auth-rate-limits';
import { corsPolicy } from './middleware/cors';
import { faults } from './middleware/faults';
import { requestContext } from './middleware/request-context';
import { slashes } from './middleware/slashes';
import { authRoutes } from './routes/auth';
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
import { deviceRoutes, sessionRoutes } from './routes/sessions';
import { adminRoutes, uploadRoutes, userRoutes } from './routes/users';
import { webhookRoutes } from './routes/webhooks';
import { mfaChallenge } from './services/mfa';

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
  app.notFound((c) => renderError(c, new HttpError(404, 'Not Found')));
  app.onError((err, c) => renderError(c, err));
  return app;
}
