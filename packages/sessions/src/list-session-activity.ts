import { checkWire, type Janua, parseDate, type RequestOptions, request, ValidationError } from '@janua/core';
import type { SessionActivity } from './types';
import type { WireSessionActivity } from './wire';

/** Input of {@link listSessionActivity}. */
export interface ListSessionActivityParams {
  /** How many entries, 1–50. Default 10. */
  limit?: number;
}

/**
 * The signed-in user's recent session activity (`GET /sessions/activity/recent`): one entry per
 * session, most recently used first, revoked and expired sessions included (flagged `revoked`).
 * A feed of the latest `limit` entries, not a pageable list: there is no offset.
 *
 * @param janua - The {@link Janua} instance, signed in.
 * @param params - Optional `limit` (1–50, default 10).
 * @throws {ValidationError} for a `limit` outside 1–50 (no request is made).
 * @throws {AuthenticationError} when not signed in.
 * @example
 * ```ts
 * for (const a of await listSessionActivity(janua, { limit: 5 })) {
 *   console.log(a.timestamp.toISOString(), a.device, a.ipAddress, a.revoked ? '(ended)' : '');
 * }
 * ```
 */
export async function listSessionActivity(
  janua: Janua,
  params?: ListSessionActivityParams,
  options: RequestOptions = {},
): Promise<SessionActivity[]> {
  // A default covers only `undefined`; untyped callers also pass `null`.
  const limit = params?.limit;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 50)) {
    throw new ValidationError({
      code: 'VALIDATION_ERROR',
      message: 'limit must be an integer from 1 to 50',
      fieldErrors: [{ field: 'limit', message: 'limit must be an integer from 1 to 50', type: 'value_error' }],
    });
  }
  return request(janua, {
    ...options,
    method: 'GET',
    path: '/sessions/activity/recent',
    query: { limit },
    map: (wire: { activities: WireSessionActivity[] }) => checkWire(wire.activities, 'array').map(toActivity),
  });
}

function toActivity(w: WireSessionActivity): SessionActivity {
  return {
    sessionId: checkWire(w.session_id, 'string'),
    activityType: checkWire(w.activity_type, 'string'),
    timestamp: parseDate(w.timestamp),
    ipAddress: w.ip_address ?? null,
    device: checkWire(w.device, 'string'),
    deviceType: w.device_type ?? null,
    revoked: checkWire(w.revoked, 'boolean'),
  };
}
