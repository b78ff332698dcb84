import { ValidationError } from '@janua/core';
import { OAUTH_PROVIDERS, type OAuthProvider } from '../oauth-provider';

/** Rejects an unknown provider locally: it would end up in the URL path. */
export function checkProvider(provider: unknown): OAuthProvider {
  if (!(OAUTH_PROVIDERS as readonly unknown[]).includes(provider)) {
    throw new ValidationError({
      code: 'VALIDATION_ERROR',
      message: `provider must be one of ${OAUTH_PROVIDERS.join(', ')}`,
    });
  }
  return provider as OAuthProvider;
}
