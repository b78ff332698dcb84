import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { Env } from '../context';
import { HttpError } from '../errors';
import { verifyPassword } from '../services/passwords';
import { clientInfo, requireUser } from '../services/principal';
import { createSession } from '../services/sessions';
import { updateUser } from '../services/users';
import {
  authenticationOptions,
  deletePasskey,
  getUserPasskey,
  listUserPasskeys,
  registrationOptions,
  renamePasskey,
  toPasskey,
  verifyAuthentication,
  verifyRegistration,
} from '../services/webauthn';
import { jsonBody, optionalJsonBody, pathId, validate } from '../validate';
import { signInResponse } from './auth';

const attachmentSchema = z.enum(['platform', 'cross-platform']);
// Credentials are checked by @simplewebauthn/server; the schema only makes sure they are objects
// so that a malformed body is a 422 rather than a crash.
const credentialSchema = z.looseObject({
  id: z.string().optional(),
  rawId: z.string().optional(),
  type: z.string().optional(),
  response: z.looseObject({ clientDataJSON: z.string() }),
  authenticatorAttachment: z.string().nullish(),
  clientExtensionResults: z.record(z.string(), z.unknown()).optional(),
});

const registerOptionsSchema = z.object({ authenticator_attachment: attachmentSchema.nullish() });
const registerVerifySchema = z.object({
  credential: credentialSchema,
  name: z.string().max(100).nullish(),
});
const authenticateOptionsSchema = z.object({ email: z.string().trim().toLowerCase().nullish() });
const authenticateVerifySchema = z.object({
  credential: credentialSchema,
  email: z.string().nullish(),
  session_id: z.string().nullish(),
  // §1.3 (designed here): query names are also accepted in the JSON body.
  challenge: z.string().nullish(),
});
const renameSchema = z.object({ name: z.string().min(1).max(100) });

/** §4.7 passkeys (WebAuthn), implemented for real (upstream is broken, §6.3). */
export function passkeyRoutes(): Hono<Env> {
  const app = new Hono<Env>();

  app.post('/register/options', async (c) => {
    const dev = c.get('dev');
    const { user } = await requireUser(c);
    const body = await optionalJsonBody(c, registerOptionsSchema);
    return c.json(await registrationOptions(dev, user, body.authenticator_attachment ?? undefined));
  });

  app.post('/register/verify', async (c) => {
    const dev = c.get('dev');
    const { user } = await requireUser(c);
    const body = await jsonBody(c, registerVerifySchema);
    const passkey = await verifyRegistration(
      dev,
      user,
      body.credential as unknown as RegistrationResponseJSON,
      body.name ?? null,
    );
    dev.events.emit('security.passkey.registered', { user, user_id: user.id, passkey_id: passkey.id });
    return c.json({ verified: true, passkey_id: passkey.id, message: 'Passkey successfully registered' });
  });

  app.post('/authenticate/options', async (c) => {
    const dev = c.get('dev');
    const body = await optionalJsonBody(c, authenticateOptionsSchema);
    return c.json(await authenticationOptions(dev, body.email ?? undefined));
  });

  app.post('/authenticate/verify', async (c) => {
    const dev = c.get('dev');
    const body = await jsonBody(c, authenticateVerifySchema);
    const { challenge } = validate(
      z.object({ challenge: z.string().min(1) }),
      { challenge: c.req.query('challenge') ?? body.challenge ?? undefined },
      'query',
    );
    const { user } = await verifyAuthentication(dev, {
      sessionId: body.session_id ?? undefined,
      challenge,
      credential: body.credential as unknown as AuthenticationResponseJSON,
    });
    const signedIn = updateUser(dev, user.id, { last_sign_in_at: dev.clock.now() });
    const { session, tokens } = await createSession(dev, signedIn, clientInfo(c));
    dev.events.emit('session.created', { user: signedIn, session });
    const response = await signInResponse(dev, signedIn, session, tokens);
    // The contract's flat `PasskeySignInResult`; `user` is the full AuthUser (a superset of its
    // four fields) and `session` is the summary sign-in also sends (both extra keys, designed here).
    return c.json({ verified: true, ...tokens, user: response.user, session: response.session });
  });

  app.get('/availability', (c) =>
    c.json({
      available: true,
      platform_authenticator: true,
      roaming_authenticator: true,
      conditional_mediation: true,
      user_verifying_platform_authenticator: true,
    }),
  );

  const list = async (c: Context<Env>) => {
    const dev = c.get('dev');
    const { user } = await requireUser(c);
    return c.json(listUserPasskeys(dev, user.id).map(toPasskey));
  };
  // The collection root is `/passkeys/` (§1.1); the app routes non-strictly, so '/' serves it.
  app.get('/', list);

  app.patch('/:id', async (c) => {
    const dev = c.get('dev');
    const { user } = await requireUser(c);
    const id = pathId(c.req.param('id'), 'passkey');
    const body = await jsonBody(c, renameSchema);
    return c.json(toPasskey(renamePasskey(dev, getUserPasskey(dev, user.id, id), body.name)));
  });

  app.delete('/:id', async (c) => {
    const dev = c.get('dev');
    const { user } = await requireUser(c);
    const body = await optionalJsonBody(c, z.object({ password: z.string().nullish() }));
    const { password } = validate(
      z.object({ password: z.string() }),
      { password: c.req.query('password') ?? body.password ?? undefined },
      'query',
    );
    // The password is checked before the id, as upstream does (§4.7).
    if (!user.password_hash || !(await verifyPassword(password, user.password_hash))) {
      throw new HttpError(400, 'Invalid password');
    }
    const passkey = getUserPasskey(dev, user.id, pathId(c.req.param('id'), 'passkey'));
    deletePasskey(dev, passkey);
    dev.events.emit('security.passkey.removed', { user, user_id: user.id, passkey_id: passkey.id });
    return c.json({ message: 'Passkey deleted successfully' });
  });

  return app;
}
