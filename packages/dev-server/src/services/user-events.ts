import type { Dev } from '../context';
import type { Principal } from './principal';
import type { UserRow } from './users';

// Columns a receiver of `user.updated` cares about. Bookkeeping columns (password hash, failed
// attempts, lockout, last sign-in, updated_at) change on their own events or on none.
const WATCHED = [
  'email',
  'username',
  'first_name',
  'last_name',
  'display_name',
  'profile_image_url',
  'bio',
  'phone_number',
  'phone_verified',
  'timezone',
  'locale',
  'user_metadata',
  'is_admin',
  'status',
  'email_verified',
] as const satisfies readonly (keyof UserRow)[];

/**
 * Announces what changed between two versions of a user (§4.8, "each event where its name
 * says"), each event at most once: `user.suspended` when the status became `suspended`,
 * `user.reactivated` when it went from `suspended` back to `active`, `user.verified` when the
 * email became verified, and `user.updated` for every other watched change (other status moves,
 * `is_admin`, un-verifying, profile fields). Nothing changed → nothing is emitted. `extra`
 * (a reason, say) goes with the status event only; `only` limits which of these may be emitted. Returns the event names emitted.
 */
export function announceUserChange(
  dev: Dev,
  before: UserRow,
  after: UserRow,
  extra: Record<string, unknown> = {},
  only?: readonly string[],
): string[] {
  const emitted: string[] = [];
  const covered = new Set<string>();
  if (before.status !== after.status && after.status === 'suspended') {
    emitted.push('user.suspended');
    covered.add('status');
  } else if (before.status === 'suspended' && after.status === 'active') {
    emitted.push('user.reactivated');
    covered.add('status');
  }
  if (before.email_verified !== 1 && after.email_verified === 1) {
    emitted.push('user.verified');
    covered.add('email_verified');
  }
  if (WATCHED.some((k) => !covered.has(k) && before[k] !== after[k])) emitted.push('user.updated');
  if (only) emitted.splice(0, emitted.length, ...emitted.filter((t) => only.includes(t)));
  for (const type of emitted) {
    const status = type === 'user.suspended' || type === 'user.reactivated';
    dev.events.emit(type, { user: after, ...(status ? extra : {}) });
  }
  return emitted;
}

/**
 * `admin.action` (§4.8 data `{actor_id, action, target_id}`): a platform administrator, or an API
 * key with admin scopes, changed something through an admin-only route. The actor is also the
 * audit row's user, so `GET /audit-logs/?actor=<admin id>` finds what an admin did; an API key
 * acts for its creator and its organization (routing: that organization's endpoints only).
 */
export function emitAdminAction(
  dev: Dev,
  p: Principal,
  action: string,
  target: { id: string | null; type: string },
  details: Record<string, unknown> = {},
  organizationId: string | null = null,
): void {
  const actorId = p.kind === 'user' ? p.user.id : p.key.user_id;
  dev.events.emit('admin.action', {
    ...details,
    actorId,
    userId: actorId,
    action,
    targetId: target.id,
    resourceType: target.id ? target.type : null,
    resourceId: target.id,
    organizationId: organizationId ?? (p.kind === 'api_key' ? p.key.organization_id : null),
  });
}
