// Wire shapes (snake_case, exactly contract §4.0/§4.8). Not exported from the package root.
import type { WebhookEventType } from './event-types';

export interface WireWebhookEndpoint {
  id: string;
  url: string;
  secret: string;
  events: WebhookEventType[];
  is_active: boolean;
  description: string | null;
  headers: Record<string, string> | null;
  created_at: string;
  updated_at: string;
}

export interface WireWebhookEndpointList {
  endpoints: WireWebhookEndpoint[];
  total: number;
}

export interface WireWebhookEndpointCreate {
  url: string;
  events: string[];
  description?: string | null;
  headers?: Record<string, string> | null;
  organization_id?: string;
}

export interface WireWebhookEndpointUpdate {
  url?: string;
  events?: string[];
  is_active?: boolean;
  description?: string | null;
  headers?: Record<string, string> | null;
}

export interface WireWebhookEvent {
  id: string;
  type: WebhookEventType;
  data: Record<string, unknown>;
  created_at: string;
}

export interface WireWebhookEventList {
  events: WireWebhookEvent[];
  total: number;
}

export interface WireWebhookDelivery {
  id: string;
  webhook_endpoint_id: string;
  webhook_event_id: string;
  status_code: number | null;
  response_body: string | null;
  error: string | null;
  attempt: number;
  delivered_at: string | null;
  created_at: string;
  status?: 'pending' | 'delivered' | 'failed' | 'retrying';
}

export interface WireWebhookStats {
  total_deliveries: number;
  successful: number;
  failed: number;
  success_rate: number;
  average_delivery_time: number;
  period_days: number;
}

export interface WireMessage {
  message: string;
}
