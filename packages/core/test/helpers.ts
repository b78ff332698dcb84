import { createJanua, type Janua, type JanuaOptions, request, setTokens, toStoredTokens } from '@janua/core';
import { addFault, TEST_PASSWORD as PASSWORD, rejectionOf, uniqueEmail } from '@janua/dev-server/testing';

/** The two transports every transport test runs on. */
export const TRANSPORTS: [string, (o: JanuaOptions) => Janua][] = [
  ['undici', (o) => createJanua(o)],
  ['fetch', (o) => createJanua({ ...o, fetch: globalThis.fetch })],
];

interface WireSignIn {
  user: { id: string; email: string };
  tokens: { access_token: string; refresh_token: string; token_type: string; expires_in: number };
}

/** Signs a fresh user up through the pipeline and stores the tokens on `janua`. */
export async function signUpFresh(janua: Janua): Promise<{ id: string; email: string; refreshToken: string }> {
  const email = uniqueEmail();
  const res = await request<WireSignIn>(janua, {
    method: 'POST',
    path: '/auth/signup',
    body: { email, password: PASSWORD },
    auth: 'none',
  });
  await setTokens(janua, toStoredTokens(res.tokens));
  return { id: res.user.id, email, refreshToken: res.tokens.refresh_token };
}

export { addFault, PASSWORD, rejectionOf, uniqueEmail };
