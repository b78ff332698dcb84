import { iso } from '../clock';
import type { Dev } from '../context';
import { sql } from '../store/db';
import { getUserById } from './users';

/** The 26 event names of contract §4.8; subscriptions to anything else are a 422. */
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

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

const KNOWN = new Set<string>(WEBHOOK_EVENT_TYPES);
export const isWebhookEventType = (type: string): type is WebhookEventType => KNOWN.has(type);

/** An event's contract `data`, and the organization it is tied to (routing, §4.8). */
export interface EventData {
  data: Record<string, unknown>;
  organizationId: string | null;
}

type Payload = Record<string, unknown>;

// `dev.events` payloads come from many route modules in whatever shape was handy there (DB rows,
// camelCase or snake_case ids), so every field is looked up under the names in use. The `data`
// sent out is always built field by field: a row is never forwarded, so no password hash, MFA
// secret or token can reach a receiver.
const obj = (v: unknown): Payload | undefined => (v && typeof v === 'object' ? (v as Payload) : undefined);
const str = (...values: unknown[]): string | undefined => values.find((v): v is string => typeof v === 'string');
const nested = (p: Payload, keys: string[], field: string) => keys.map((k) => obj(p[k])?.[field]);

const userIdOf = (p: Payload) =>
  str(
    p.userId,
    p.user_id,
    ...nested(p, ['user', 'session', 'passkey', 'credential', 'member', 'account'], 'user_id'),
    obj(p.user)?.id,
  );
const orgIdOf = (p: Payload) =>
  str(p.organizationId, p.organization_id, obj(p.organization)?.id, obj(p.org)?.id, obj(p.member)?.organization_id);

const toIso = (v: unknown, fallback: number) =>
  typeof v === 'number' ? iso(v) : typeof v === 'string' ? v : iso(fallback);

/** Thrown when a payload lacks a field the contract's `data` needs; the event is not delivered. */
export class MissingEventField extends Error {}
const need = <T>(value: T | undefined, field: string): T => {
  if (value === undefined || value === null) throw new MissingEventField(field);
  return value;
};

function userData(dev: Dev, p: Payload): EventData {
  const id = need(str(obj(p.user)?.id, p.userId, p.user_id), 'user');
  // A deleted user may be gone from the table: prefer the row the emitter passed.
  const row = obj(p.user) ?? (getUserById(dev, id) as unknown as Payload | undefined);
  const u = need(row, 'user');
  return {
    data: {
      id,
      email: need(str(u.email), 'user.email'),
      first_name: str(u.first_name, u.firstName) ?? null,
      last_name: str(u.last_name, u.lastName) ?? null,
      username: str(u.username) ?? null,
      created_at: toIso(u.created_at ?? u.createdAt, dev.clock.now()),
    },
    organizationId: str(p.organizationId, p.organization_id) ?? null,
  };
}

function sessionData(_dev: Dev, p: Payload): EventData {
  return {
    data: {
      session_id: need(str(p.sessionId, p.session_id, obj(p.session)?.id), 'session_id'),
      user_id: need(userIdOf(p), 'user_id'),
    },
    organizationId: str(p.organizationId, p.organization_id) ?? null,
  };
}

function organizationData(tied: boolean) {
  return (dev: Dev, p: Payload): EventData => {
    // The organization routes emit the bare `{id, name, slug}`; others pass a row or an id.
    let org = obj(p.organization) ?? obj(p.org) ?? (str(p.id) && str(p.slug) ? p : undefined);
    const id = need(str(org?.id, p.organizationId, p.organization_id), 'organization_id');
    if (!org?.name || !org.slug) org = sql(dev.db, 'SELECT * FROM organizations WHERE id = ?').get(id) as Payload;
    const o = need(org, 'organization');
    // An organization that was just created has no endpoints yet, so `organization.created` is
    // routed like an untied event (every subscribed endpoint without an organization).
    return {
      data: { id, name: need(str(o.name), 'name'), slug: need(str(o.slug), 'slug') },
      organizationId: tied ? id : null,
    };
  };
}

function memberData(_dev: Dev, p: Payload): EventData {
  const organizationId = need(orgIdOf(p), 'organization_id');
  return {
    data: {
      organization_id: organizationId,
      user_id: need(userIdOf(p), 'user_id'),
      role: need(str(p.role, p.newRole, p.new_role, obj(p.member)?.role), 'role'),
    },
    organizationId,
  };
}

const userOnly = (_dev: Dev, p: Payload): EventData => ({
  data: { user_id: need(userIdOf(p), 'user_id') },
  organizationId: str(p.organizationId, p.organization_id) ?? null,
});

const passkeyData = (dev: Dev, p: Payload): EventData => {
  const base = userOnly(dev, p);
  const passkeyId = str(p.passkeyId, p.passkey_id, obj(p.passkey)?.id, obj(p.credential)?.id);
  return { ...base, data: { ...base.data, passkey_id: need(passkeyId, 'passkey_id') } };
};

const oauthData = (dev: Dev, p: Payload): EventData => {
  const base = userOnly(dev, p);
  const provider = str(p.provider, obj(p.account)?.provider, obj(p.oauthAccount)?.provider);
  return { ...base, data: { ...base.data, provider: need(provider, 'provider') } };
};

const adminData = (_dev: Dev, p: Payload): EventData => ({
  data: {
    actor_id: str(p.actorId, p.actor_id, obj(p.actor)?.id, obj(p.admin)?.id) ?? null,
    action: need(str(p.action), 'action'),
    // No fallback to `userId`/`user`: the admin emitters put the actor there (audit `?actor=`),
    // and an action without a target (a cleanup, a revoke-all) must say `null`, not the actor.
    target_id: str(p.targetId, p.target_id, obj(p.target)?.id) ?? null,
  },
  organizationId: str(p.organizationId, p.organization_id) ?? null,
});

const systemData = (dev: Dev, p: Payload): EventData => {
  const data: Record<string, unknown> = {};
  // Scalars only: an alert carries a message and flags, never rows.
  for (const [k, v] of Object.entries(p)) {
    if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) data[k] = v;
  }
  data.message = str(p.message) ?? 'System alert';
  data.timestamp ??= iso(dev.clock.now());
  return { data, organizationId: str(p.organizationId, p.organization_id) ?? null };
};

/**
 * The mapping table: for each contract event name, how a `dev.events` payload becomes the
 * contract's `data` (§4.8, §5.1). Emit an event under its contract name and it is delivered.
 */
export const EVENT_DATA: Record<WebhookEventType, (dev: Dev, payload: Payload) => EventData> = {
  'user.created': userData,
  'user.updated': userData,
  'user.deleted': userData,
  'user.verified': userData,
  'user.suspended': userData,
  'user.reactivated': userData,
  'session.created': sessionData,
  'session.revoked': sessionData,
  'session.expired': sessionData,
  'organization.created': organizationData(false),
  'organization.updated': organizationData(true),
  'organization.deleted': organizationData(true),
  'organization.member.added': memberData,
  'organization.member.removed': memberData,
  'organization.member.role_changed': memberData,
  'security.mfa.enabled': userOnly,
  'security.mfa.disabled': userOnly,
  'security.passkey.registered': passkeyData,
  'security.passkey.removed': passkeyData,
  'security.password.changed': userOnly,
  'security.password.reset': userOnly,
  'security.suspicious_activity': userOnly,
  'oauth.account.linked': oauthData,
  'oauth.account.unlinked': oauthData,
  'admin.action': adminData,
  'system.alert': systemData,
};
