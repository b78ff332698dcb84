import { isJanuaError, type Janua, type RequestOptions, request, segment, ValidationError } from '@janua/core';
import type { WebhookEventType } from './event-types';
import { toEndpoint } from './internal/map';
import { requireId } from './internal/validate';
import type { WebhookEndpoint } from './types';
import type { WireWebhookEndpointCreate } from './wire';

/** Input of {@link createEndpoint}. */
export interface CreateEndpointParams {
  /** An `http(s)` URL that will receive `POST`s. */
  url: string;
  /** The event types to deliver (contract §4.8 names only; others are a 422). */
  events: WebhookEventType[];
  description?: string | null;
  /** Extra headers sent with every delivery. Do not reuse the `X-Webhook-*` names. */
  headers?: Record<string, string> | null;
  /** Deliver only this organization's events; the caller must be a member. */
  organizationId?: string;
  /** False creates the endpoint disabled (a follow-up `PATCH`, the API has no such create field). */
  enabled?: boolean;
}

/**
 * Registers a webhook endpoint (`POST /webhooks/`). Keep the returned `secret`: it signs every
 * delivery (see `verifyWebhookSignature` in `@janua/webhooks/verify`).
 *
 * With `enabled: false` the endpoint is created and then disabled (`PATCH /webhooks/{id}`). If
 * that `PATCH` fails, the just-created endpoint is deleted (best effort) so that no active,
 * subscribed endpoint is left behind, and the `PATCH` error is thrown. If the `DELETE` fails too,
 * the same error carries the endpoint's id in `details.createdEndpointId` (never its secret) so
 * that you can delete it yourself.
 *
 * @returns The endpoint with its new `secret`, enabled unless `enabled: false` was passed.
 * @throws {ValidationError} a missing `url` or a non-UUID `organizationId` (no request is made);
 *   422 for an unknown event type or a bad URL; 400 `Invalid organization ID format`.
 * @throws {AuthorizationError} 403 `User is not a member of the specified organization`.
 * @throws {JanuaError} with `enabled: false`, the disabling `PATCH`'s error (see above).
 * @example
 * ```ts
 * const endpoint = await createEndpoint(janua, {
 *   url: 'https://example.com/janua/webhooks',
 *   events: ['user.created', 'session.revoked'],
 * });
 * console.log(endpoint.secret); // store it where the receiver can read it
 * ```
 */
export async function createEndpoint(
  janua: Janua,
  params: CreateEndpointParams,
  options: RequestOptions = {},
): Promise<WebhookEndpoint> {
  const url = params?.url;
  if (typeof url !== 'string' || !url) {
    throw new ValidationError({
      code: 'VALIDATION_ERROR',
      message: 'url must be a non-empty string',
      fieldErrors: [{ field: 'url', message: 'url must be a non-empty string', type: 'missing' }],
    });
  }
  const body: WireWebhookEndpointCreate = {
    url,
    events: params.events,
    description: params.description,
    headers: params.headers,
  };
  if (params.organizationId !== undefined) body.organization_id = requireId(params.organizationId, 'organizationId');
  const created = await request(janua, { ...options, method: 'POST', path: '/webhooks', body, map: toEndpoint });
  if (params.enabled !== false) return created;
  const path = `/webhooks/${segment(created.id)}`;
  try {
    return await request(janua, { ...options, method: 'PATCH', path, body: { is_active: false }, map: toEndpoint });
  } catch (err) {
    // Left in place, the endpoint would receive deliveries while the caller holds neither its id
    // nor its secret. The same options (and signal): an aborted call stops here too, with the id.
    try {
      await request(janua, { ...options, method: 'DELETE', path });
    } catch {
      if (isJanuaError(err)) err.details.createdEndpointId = created.id;
    }
    throw err;
  }
}
