/** The social providers the API supports (contract §4.2), as path segments. */
export const OAUTH_PROVIDERS = [
  'google',
  'github',
  'microsoft',
  'apple',
  'discord',
  'twitter',
  'linkedin',
  'slack',
] as const;

/** One of {@link OAUTH_PROVIDERS}. */
export type OAuthProvider = (typeof OAUTH_PROVIDERS)[number];
