// Type tests, checked by `pnpm typecheck` (tsc includes test/); named .test-d.ts so the vitest run
// does not count them: expectTypeOf does nothing at runtime, so there they could not fail.
import { describe, expectTypeOf, test } from 'vitest';
import type {
  WebhookEvent,
  WebhookEventType,
  WebhookMemberData,
  WebhookSessionData,
  WebhookUserData,
  WebhookVerificationErrorCode,
} from '../src/verify';

type Contract =
  | 'user.created'
  | 'user.updated'
  | 'user.deleted'
  | 'user.verified'
  | 'user.suspended'
  | 'user.reactivated'
  | 'session.created'
  | 'session.revoked'
  | 'session.expired'
  | 'organization.created'
  | 'organization.updated'
  | 'organization.deleted'
  | 'organization.member.added'
  | 'organization.member.removed'
  | 'organization.member.role_changed'
  | 'security.mfa.enabled'
  | 'security.mfa.disabled'
  | 'security.passkey.registered'
  | 'security.passkey.removed'
  | 'security.password.changed'
  | 'security.password.reset'
  | 'security.suspicious_activity'
  | 'oauth.account.linked'
  | 'oauth.account.unlinked'
  | 'admin.action'
  | 'system.alert';

describe('public types', () => {
  test('WebhookEventType is exactly the contract’s 26 names', () => {
    expectTypeOf<WebhookEventType>().toEqualTypeOf<Contract>();
  });

  test('WebhookEvent is discriminated on type, with typed data and object', () => {
    expectTypeOf<WebhookEvent<'user.created'>['data']>().toEqualTypeOf<WebhookUserData>();
    expectTypeOf<WebhookEvent<'session.revoked'>['data']>().toEqualTypeOf<WebhookSessionData>();
    expectTypeOf<WebhookEvent<'organization.member.role_changed'>['data']>().toEqualTypeOf<WebhookMemberData>();
    expectTypeOf<WebhookEvent<'security.passkey.removed'>['data']>().toHaveProperty('passkey_id');
    expectTypeOf<WebhookEvent<'oauth.account.linked'>['object']>().toEqualTypeOf<'oauth'>();
    expectTypeOf<WebhookEvent['type']>().toEqualTypeOf<Contract>();
    const narrow = (event: WebhookEvent) => (event.type === 'admin.action' ? event.data.actor_id : null);
    expectTypeOf(narrow).returns.toEqualTypeOf<string | null>();
  });

  test('error codes', () => {
    expectTypeOf<WebhookVerificationErrorCode>().toEqualTypeOf<
      'missing_signature' | 'invalid_signature' | 'timestamp_out_of_tolerance' | 'invalid_payload' | 'missing_secret'
    >();
  });
});
