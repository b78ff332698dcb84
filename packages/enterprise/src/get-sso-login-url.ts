import { type Janua, JanuaError, type RequestOptions, requestRaw, ValidationError } from '@janua/core';

/** Input of {@link getSsoLoginUrl}. */
export interface GetSsoLoginUrlParams {
  organizationSlug: string;
  /** Where the SAML ACS or the OIDC callback sends the browser after sign-in; must be an origin the server allows. */
  returnUrl?: string;
}

/**
 * The URL to send the browser to so that it starts an organization's SSO sign-in
 * (`POST /sso/initiate`, its 302 `Location`). On the Janua API that is the IdP itself: the SAML
 * IdP's SSO URL with an AuthnRequest, or the OpenID provider's authorization endpoint (code flow;
 * state, nonce and PKCE stay on the server). The dev server answers with its own
 * `GET /sso/initiate?…` URL instead, which binds the browser with a cookie (login-CSRF protection)
 * and then redirects to the IdP. Same call for both protocols. Where the response is opaque (in a
 * browser, which cannot read cross-origin redirects) this returns that `GET /sso/initiate?…` URL.
 *
 * @throws {ValidationError} for an empty slug (no request is made); 400 `SSO is not enabled for this organization`.
 * @throws {NotFoundError} `Organization not found`.
 * @example
 * ```ts
 * const url = await getSsoLoginUrl(janua, { organizationSlug: 'acme', returnUrl: 'https://app.example/home' });
 * res.redirect(url);
 * ```
 */
export async function getSsoLoginUrl(
  janua: Janua,
  params: GetSsoLoginUrlParams,
  options: RequestOptions = {},
): Promise<string> {
  const slug = params?.organizationSlug;
  if (typeof slug !== 'string' || slug.length === 0) {
    const message = 'organizationSlug is required';
    throw new ValidationError({
      code: 'VALIDATION_ERROR',
      message,
      fieldErrors: [{ field: 'organizationSlug', message, type: 'value_error' }],
    });
  }
  const res = await requestRaw(janua, {
    ...options,
    method: 'POST',
    path: '/sso/initiate',
    auth: 'none',
    body: { organization_slug: slug, return_url: params.returnUrl },
  });
  await res.discard();
  const location = res.headers.location;
  if (res.status >= 300 && res.status < 400 && location) return location;
  if (res.status === 0) {
    const q = new URLSearchParams({
      organization_slug: slug,
      ...(params.returnUrl ? { return_url: params.returnUrl } : {}),
    });
    return `${janua.config.baseUrl}/api/v1/sso/initiate?${q}`;
  }
  throw new JanuaError({
    status: res.status,
    code: 'INVALID_RESPONSE',
    message: 'SSO initiation did not redirect to the identity provider',
    requestId: res.headers['x-request-id'],
  });
}
