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
import { authRoutes } from './routes/auth';
import { authFlowRoutes } from './routes/auth-flows';
import { devRoutes } from './routes/dev';
import { healthRoutes } from './routes/health';
import { oauthRoutes, standInOAuthRoutes } from './routes/oauth';
import { deviceRoutes, sessionRoutes } from './routes/sessions';
import { adminRoutes, uploadRoutes, userRoutes } from './routes/users';

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
  app.route('/api/v1/auth', authRoutes());
  app.route('/api/v1/auth', authFlowRoutes());
  app.route('/api/v1/auth/oauth', oauthRoutes());
  app.route('/__dev/oauth', standInOAuthRoutes());
  app.route('/api/v1/users', userRoutes());
  app.route('/api/v1/admin', adminRoutes());
  app.route('/api/v1/sessions', sessionRoutes());
  app.route('/api/v1/devices', deviceRoutes());
  app.route('/uploads', uploadRoutes());
  app.route('/api/v1/api-keys', apiKeyRoutes());
  app.route('/api/v1/audit-logs', auditRoutes(dev));
  app.notFound((c) => renderError(c, new HttpError(404, 'Not Found')));
  app.onError((err, c) => renderError(c, err));
  return app;
}
