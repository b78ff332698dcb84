import type { WebhookEventType } from './event-types';

// Event `data` is the server's JSON passed through untouched (snake_case, ISO strings), as for
// every user-defined map in the SDK; only the envelope is mapped to camelCase.

/** `data` of every `user.*` event: the `user.created` shape of contract §5.1. */
export interface WebhookUserData {
  id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  username: string | null;
  /** Naive UTC ISO-8601, e.g. `2026-01-01T00:00:00`. */
  created_at: string;
}

/** `data` of `session.*` events. */
export interface WebhookSessionData {
  session_id: string;
  user_id: string;
}

/** `data` of `organization.created` / `.updated` / `.deleted`. */
export interface WebhookOrganizationData {
  id: string;
  name: string;
  slug: string;
}

/** `data` of `organization.member.*` events; `role` is the member's (new) role. */
export interface WebhookMemberData {
  organization_id: string;
  user_id: string;
  role: string;
}

/** `data` of `security.mfa.*`, `security.password.*` and `security.suspicious_activity`. */
export interface WebhookSecurityData {
  user_id: string;
}

/** `data` of `security.passkey.*`. */
export interface WebhookPasskeyData {
  user_id: string;
  passkey_id: string;
}

/** `data` of `oauth.account.*`. */
export interface WebhookOAuthData {
  user_id: string;
  provider: string;
}

/** `data` of `admin.action`. */
export interface WebhookAdminActionData {
  actor_id: string | null;
  action: string;
  target_id: string | null;
}

/** `data` of `system.alert`; the test delivery sends `{ test: true, message, timestamp }`. */
export interface WebhookSystemAlertData {
  message: string;
  test?: boolean;
  /** Naive UTC ISO-8601. */
  timestamp?: string;
}

/** The `data` type of each event type. */
export interface WebhookEventDataMap {
  'user.created': WebhookUserData;
  'user.updated': WebhookUserData;
  'user.deleted': WebhookUserData;
  'user.verified': WebhookUserData;
  'user.suspended': WebhookUserData;
  'user.reactivated': WebhookUserData;
  'session.created': WebhookSessionData;
  'session.revoked': WebhookSessionData;
  'session.expired': WebhookSessionData;
  'organization.created': WebhookOrganizationData;
  'organization.updated': WebhookOrganizationData;
  'organization.deleted': WebhookOrganizationData;
  'organization.member.added': WebhookMemberData;
  'organization.member.removed': WebhookMemberData;
  'organization.member.role_changed': WebhookMemberData;
  'security.mfa.enabled': WebhookSecurityData;
  'security.mfa.disabled': WebhookSecurityData;
  'security.passkey.registered': WebhookPasskeyData;
  'security.passkey.removed': WebhookPasskeyData;
  'security.password.changed': WebhookSecurityData;
  'security.password.reset': WebhookSecurityData;
  'security.suspicious_activity': WebhookSecurityData;
  'oauth.account.linked': WebhookOAuthData;
  'oauth.account.unlinked': WebhookOAuthData;
  'admin.action': WebhookAdminActionData;
  'system.alert': WebhookSystemAlertData;
}

/** The event body's `object`: the event type's first segment. */
export type WebhookEventObject<T extends WebhookEventType = WebhookEventType> = T extends `${infer O}.${string}`
  ? O
  : never;

/**
 * A webhook event, discriminated on `type`: narrowing on `type` types `data`.
 *
 * @example
 * ```ts
 * function handle(event: WebhookEvent) {
 *   if (event.type === 'user.created') console.log(event.data.email);
 *   else if (event.type === 'session.revoked') console.log(event.data.session_id);
 * }
 * ```
 */
export type WebhookEvent<T extends WebhookEventType = WebhookEventType> = {
  [K in T]: {
    /** Event id; the same value as the `X-Webhook-ID` header, stable across retries. */
    id: string;
    type: K;
    createdAt: Date;
    data: WebhookEventDataMap[K];
    object: WebhookEventObject<K>;
    /** `v1` in deliveries; null for events read back with `listEvents` (the list does not carry it). */
    apiVersion: string | null;
  };
}[T];
