/**
 * Every webhook event type the Janua API knows (contract §4.8), exactly as the server names them.
 * The server rejects subscriptions to any other name with a 422.
 *
 * @example
 * ```ts
 * const all = [...WEBHOOK_EVENT_TYPES]; // subscribe an endpoint to everything
 * ```
 */
export const WEBHOOK_EVENT_TYPES = [
  'user.created',
  'user.updated',
  'user.deleted',
  'user.verified',
  'user.suspended',
  'user.reactivated',
  'session.created',
  'session.revoked',
  'session.expired',
  'organization.created',
  'organization.updated',
  'organization.deleted',
  'organization.member.added',
  'organization.member.removed',
  'organization.member.role_changed',
  'security.mfa.enabled',
  'security.mfa.disabled',
  'security.passkey.registered',
  'security.passkey.removed',
  'security.password.changed',
  'security.password.reset',
  'security.suspicious_activity',
  'oauth.account.linked',
  'oauth.account.unlinked',
  'admin.action',
  'system.alert',
] as const;

/**
 * One of the 26 event names of contract §4.8. Product-spec names such as `user.signed_in` or
 * `organization.member_added` do not exist on the server (use `session.created`,
 * `organization.member.added`).
 */
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
