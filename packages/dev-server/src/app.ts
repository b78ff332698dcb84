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
import { devRoutes } from './routes/dev';
import { healthRoutes } from './routes/health';
import { invitationRoutes } from './routes/invitations';
import { mfaRoutes } from './routes/mfa';
import { organizationRoutes } from './routes/organizations';
import { roleRoutes } from './routes/roles';
import { userRoutes } from './routes/users';
import { mfaChallenge } from './services/mfa';

/** Builds the hono app from the route modules; no logic of its own. */
export function createApp(dev: Dev, reset: () => Promise<void>): Hono<Env> {
  const app = new Hono<Env>();
  app.use('*', requestContext(dev));
  app.use('*', faults);
  app.use('*', corsPolicy(dev.config.origins));
  app.use('*', slashes);
  app.use('*', apiKeyCheck);
  app.use('*', authRateLimits);
  app.route('/', healthRoutes());
  app.route('/__dev', devRoutes(reset));
  app.route('/api/v1/auth', authRoutes({ mfaChallenge }));
  app.route('/api/v1/users', userRoutes());
  app.route('/api/v1/organizations/', organizationRoutes());
  app.route('/api/v1/invitations/', invitationRoutes());
  app.route('/api/v1/roles', roleRoutes());
  app.route('/api/v1/mfa', mfaRoutes());
  app.notFound((c) => renderError(c, new HttpError(404, 'Not Found')));
  app.onError((err, c) => renderError(c, err));
  return app;
}
