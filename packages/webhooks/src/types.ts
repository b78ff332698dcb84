import type { WebhookEventType } from './event-types';

/** A webhook endpoint (contract `WebhookEndpoint`). */
export interface WebhookEndpoint {
  id: string;
  /** The URL as the server normalised it (a bare host gains a trailing `/`). */
  url: string;
  /** The signing secret: 64 lowercase hex chars, used as is (not hex-decoded) as the HMAC key. */
  secret: string;
  events: WebhookEventType[];
  /** Whether deliveries are made (`is_active` on the wire). */
  enabled: boolean;
  description: string | null;
  /** Extra headers sent with each delivery. */
  headers: Record<string, string> | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Where a delivery attempt stands. `retrying`: this attempt failed and another is scheduled. */
export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed' | 'retrying';

/** One delivery attempt of an event to an endpoint (contract `WebhookDelivery`). */
export interface WebhookDelivery {
  id: string;
  endpointId: string;
  eventId: string;
  /** The receiver's HTTP status, or null when no response arrived. */
  statusCode: number | null;
  responseBody: string | null;
  /** Why the attempt failed (network error, timeout, non-2xx), or null. */
  error: string | null;
  /** 1 for the first attempt. */
  attempt: number;
  deliveredAt: Date | null;
  createdAt: Date;
  /** Undefined against servers that do not report it (upstream). */
  status: WebhookDeliveryStatus | undefined;
}

/** Delivery statistics of one endpoint over `periodDays` (contract `WebhookStats`). */
export interface WebhookStats {
  totalDeliveries: number;
  successful: number;
  failed: number;
  /** Percent, 0–100. */
  successRate: number;
  /** Seconds. */
  averageDeliveryTime: number;
  periodDays: number;
}
