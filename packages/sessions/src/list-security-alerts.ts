import { checkWire, type Janua, type RequestOptions, request } from '@janua/core';
import type { SecurityAlert } from './types';
import type { WireSecurityAlert } from './wire';

/**
 * Warnings about the signed-in user's live sessions (`GET /sessions/security/alerts`): sessions
 * from many locations (`multiple_locations`), sessions older than 30 days (`old_sessions`), and
 * sessions whose User-Agent looks automated (`suspicious_user_agent`). The thresholds are the
 * server's. An empty array means nothing to report.
 *
 * @param janua - The {@link Janua} instance, signed in.
 * @throws {AuthenticationError} when not signed in.
 * @example
 * ```ts
 * for (const alert of await listSecurityAlerts(janua)) {
 *   console.log(alert.severity, alert.message, alert.sessionIds);
 * }
 * ```
 */
export async function listSecurityAlerts(janua: Janua, options: RequestOptions = {}): Promise<SecurityAlert[]> {
  return request(janua, {
    ...options,
    method: 'GET',
    path: '/sessions/security/alerts',
    map: (wire: { alerts: WireSecurityAlert[] }) => checkWire(wire.alerts, 'array').map(toAlert),
  });
}

const strings = (list: string[] | undefined) =>
  list === undefined ? [] : checkWire(list, 'array').map((s) => checkWire(s, 'string'));

function toAlert(w: WireSecurityAlert): SecurityAlert {
  return {
    type: checkWire(w.type, 'string'),
    severity: checkWire(w.severity, 'string'),
    message: checkWire(w.message, 'string'),
    locations: strings(w.locations),
    sessionIds: strings(w.session_ids),
  };
}
