import { checkWire, parseDate, parseOptionalDate } from '@janua/core';
import type { WebhookDelivery, WebhookEndpoint, WebhookStats } from '../types';
import type { WebhookEvent } from '../webhook-event';
import type { WireWebhookDelivery, WireWebhookEndpoint, WireWebhookEvent, WireWebhookStats } from '../wire';

export function toEndpoint(w: WireWebhookEndpoint): WebhookEndpoint {
  return {
    id: w.id,
    url: w.url,
    secret: w.secret,
    events: w.events,
    enabled: w.is_active,
    description: w.description,
    headers: w.headers,
    createdAt: parseDate(w.created_at),
    updatedAt: parseDate(w.updated_at),
  };
}

export function toEvent(w: WireWebhookEvent): WebhookEvent {
  return {
    id: w.id,
    type: w.type,
    createdAt: parseDate(w.created_at),
    data: w.data,
    object: w.type.slice(0, w.type.indexOf('.')),
    apiVersion: null,
  } as unknown as WebhookEvent;
}

export function toDelivery(w: WireWebhookDelivery): WebhookDelivery {
  return {
    id: w.id,
    endpointId: w.webhook_endpoint_id,
    eventId: w.webhook_event_id,
    statusCode: w.status_code,
    responseBody: w.response_body,
    error: w.error,
    attempt: w.attempt,
    deliveredAt: parseOptionalDate(w.delivered_at),
    createdAt: parseDate(w.created_at),
    status: w.status,
  };
}

export function toStats(w: WireWebhookStats): WebhookStats {
  return {
    totalDeliveries: checkWire(w.total_deliveries, 'number'),
    successful: checkWire(w.successful, 'number'),
    failed: checkWire(w.failed, 'number'),
    successRate: checkWire(w.success_rate, 'number'),
    averageDeliveryTime: checkWire(w.average_delivery_time, 'number'),
    periodDays: checkWire(w.period_days, 'number'),
  };
}
