import { checkWire, type Janua, type RequestOptions, request } from '@janua/core';
import type { AuditActions } from './types';
import type { WireAuditActions } from './wire';

/**
 * The distinct actions in the audit entries the caller may see, with counts.
 *
 * @example
 * ```ts
 * const { actions, counts } = await listAuditActions(janua);
 * ```
 */
export async function listAuditActions(janua: Janua, options: RequestOptions = {}): Promise<AuditActions> {
  return request(janua, {
    ...options,
    method: 'GET',
    path: '/audit-logs/actions/list',
    map: (wire: WireAuditActions) => ({
      actions: checkWire(wire.actions, 'array').map((action) => checkWire(action, 'string')),
      counts: checkWire(wire.counts, 'object'),
    }),
  });
}
