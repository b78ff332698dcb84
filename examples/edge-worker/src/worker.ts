// A Cloudflare-style worker (module syntax) on the Janua SDK:
//   POST /login  { email, password } → signs in against env.JANUA_BASE_URL, returns the tokens
//   GET  /me     Authorization: Bearer <access token> → the verified claims, without calling Janua
import { signIn } from '@janua/auth';
import { verifyAccessToken } from '@janua/auth/verify';
import { AuthenticationError, createJanua, isJanuaError } from '@janua/core';

export interface Env {
  JANUA_BASE_URL: string;
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

function errorResponse(err: unknown): Response {
  if (err instanceof AuthenticationError) {
    return json({ error: { code: err.code, message: err.message } }, 401, {
      'www-authenticate': 'Bearer error="invalid_token"',
    });
  }
  if (isJanuaError(err)) {
    // No response from Janua (status 0) or a Janua 5xx: this worker cannot do its job right now.
    const status = err.status >= 400 && err.status < 500 ? err.status : 503;
    return json({ error: { code: err.code, message: err.message } }, status);
  }
  return json({ error: { code: 'INTERNAL_ERROR', message: 'Unexpected error' } }, 500);
}

async function login(request: Request, env: Env): Promise<Response> {
  const body = (await request.json().catch(() => null)) as { email?: unknown; password?: unknown } | null;
  if (typeof body?.email !== 'string' || typeof body?.password !== 'string') {
    return json({ error: { code: 'VALIDATION_ERROR', message: 'email and password are required' } }, 400);
  }
  // One instance per request: an instance holds one user's tokens, so it is never shared.
  const janua = createJanua({ baseUrl: env.JANUA_BASE_URL, env: {} });
  const result = await signIn(janua, { email: body.email, password: body.password });
  if (result.status === 'mfaRequired') {
    return json({ status: 'mfaRequired', challengeId: result.challengeId }, 401);
  }
  return json({
    status: 'signedIn',
    user: { id: result.user.id, email: result.user.email },
    accessToken: result.tokens.accessToken,
    refreshToken: result.tokens.refreshToken,
    expiresAt: new Date(result.tokens.expiresAt).toISOString(),
  });
}

async function me(request: Request, env: Env): Promise<Response> {
  const match = /^Bearer (\S+)$/i.exec(request.headers.get('authorization') ?? '');
  if (!match) {
    return json({ error: { code: 'NOT_AUTHENTICATED', message: 'Bearer token required' } }, 401, {
      'www-authenticate': 'Bearer',
    });
  }
  // The keys are cached per base URL for the isolate's lifetime, so a per-request instance is fine.
  const janua = createJanua({ baseUrl: env.JANUA_BASE_URL, env: {} });
  const claims = await verifyAccessToken(janua, match[1] as string);
  return json({
    userId: claims.userId,
    email: claims.email ?? null,
    sessionId: claims.sessionId ?? null,
    expiresAt: claims.expiresAt.toISOString(),
  });
}

// Module workers must default-export their handlers; this is the one default export in the repo.
export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const { pathname } = new URL(request.url);
    try {
      if (pathname === '/login' && request.method === 'POST') return await login(request, env);
      if (pathname === '/me' && request.method === 'GET') return await me(request, env);
      return json({ error: { code: 'NOT_FOUND', message: 'Not found' } }, 404);
    } catch (err) {
      return errorResponse(err);
    }
  },
};
