export { type CreateEndpointParams, createEndpoint } from './create-endpoint';
export { deleteEndpoint } from './delete-endpoint';
export { type EndpointParams, getEndpoint } from './get-endpoint';
export { type GetEndpointStatsParams, getEndpointStats } from './get-endpoint-stats';
export { iterateDeliveries } from './iterate-deliveries';
export { iterateEvents } from './iterate-events';
export { type ListDeliveriesParams, listDeliveries } from './list-deliveries';
export { type ListEndpointsParams, listEndpoints } from './list-endpoints';
export { listEventTypes } from './list-event-types';
export { type ListEventsParams, listEvents } from './list-events';
export { rotateSecret } from './rotate-secret';
export { testEndpoint } from './test-endpoint';
export type { WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint, WebhookStats } from './types';
export { type UpdateEndpointParams, updateEndpoint } from './update-endpoint';
// The receiving side is also reachable from the root for convenience; receivers that should not
// load @janua/core import '@janua/webhooks/verify' instead.
export * from './verify';
