// @janua/webhooks/verify: everything a receiver needs, with no dependency (not even @janua/core).
export {
  type ConstructWebhookEventParams,
  constructWebhookEvent,
  type WebhookHeaders,
} from './construct-webhook-event';
export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './event-types';
export type { WebhookPayload } from './internal/signature';
export { type VerifyWebhookSignatureParams, verifyWebhookSignature } from './verify-webhook-signature';
export type {
  WebhookAdminActionData,
  WebhookEvent,
  WebhookEventDataMap,
  WebhookEventObject,
  WebhookMemberData,
  WebhookOAuthData,
  WebhookOrganizationData,
  WebhookPasskeyData,
  WebhookSecurityData,
  WebhookSessionData,
  WebhookSystemAlertData,
  WebhookUserData,
} from './webhook-event';
export { WebhookVerificationError, type WebhookVerificationErrorCode } from './webhook-verification-error';
