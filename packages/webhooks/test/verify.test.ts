import { createHmac } from 'node:crypto';
import { isJanuaError } from '@janua/core';
import {
  constructWebhookEvent,
  verifyWebhookSignature,
  WEBHOOK_EVENT_TYPES,
  type WebhookEvent,
  WebhookVerificationError,
} from '@janua/webhooks/verify';
import { describe, expect, test } from 'vitest';
import { rejectionOf } from './helpers';

// Contract §5.3, byte for byte.
const SECRET = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
const TIMESTAMP = 1767225600;
const PAYLOAD =
  '{"id":"7b0c2f9e-1d5a-4c3b-9e8f-0a1b2c3d4e5f","type":"user.created","created_at":"2026-01-01T00:00:00","data":{"id":"5f6e7d8c-9b0a-4123-8456-789abcdef012","email":"ada@example.com","first_name":"Ada","last_name":"Lovelace","username":null,"created_at":"2026-01-01T00:00:00"},"object":"user","api_version":"v1"}';
const SIGNATURE = 'cbac5f88500251eac30b02f45fc9d2c59e4d6aba60b43e1f188d9a84753c565d';
const PYTHON_SCHEME = '964fe7a4e5642763cb73d67a0733d85684e3629755ac7b8dd99ebaac84b38406';
const NOW = TIMESTAMP * 1000 + 30_000;

describe('contract §5.3 test vector', () => {
  test('the payload is the 309 bytes of the contract', () => {
    expect(new TextEncoder().encode(PAYLOAD).length).toBe(309);
  });

  test('the signature verifies, as a string and as bytes, with and without its timestamp', async () => {
    const base = { signature: SIGNATURE, secret: SECRET };
    expect(await verifyWebhookSignature({ ...base, payload: PAYLOAD })).toBe(true);
    expect(await verifyWebhookSignature({ ...base, payload: new TextEncoder().encode(PAYLOAD) })).toBe(true);
    expect(await verifyWebhookSignature({ ...base, payload: Buffer.from(PAYLOAD) })).toBe(true);
    expect(await verifyWebhookSignature({ ...base, payload: new TextEncoder().encode(PAYLOAD).buffer })).toBe(true);
    expect(await verifyWebhookSignature({ ...base, payload: PAYLOAD, timestamp: String(TIMESTAMP), now: NOW })).toBe(
      true,
    );
    expect(await verifyWebhookSignature({ ...base, payload: PAYLOAD, timestamp: TIMESTAMP, now: new Date(NOW) })).toBe(
      true,
    );
  });

  test('upper case and a sha256= prefix are accepted', async () => {
    const ok = (signature: string) => verifyWebhookSignature({ payload: PAYLOAD, signature, secret: SECRET });
    expect(await ok(SIGNATURE.toUpperCase())).toBe(true);
    expect(await ok(`sha256=${SIGNATURE}`)).toBe(true);
  });

  test('negative control: the Python SDK timestamped scheme is rejected', async () => {
    expect(createHmac('sha256', SECRET).update(`${TIMESTAMP}.${PAYLOAD}`).digest('hex')).toBe(PYTHON_SCHEME);
    expect(await verifyWebhookSignature({ payload: PAYLOAD, signature: PYTHON_SCHEME, secret: SECRET })).toBe(false);
    expect(
      await verifyWebhookSignature({
        payload: PAYLOAD,
        signature: PYTHON_SCHEME,
        secret: SECRET,
        timestamp: TIMESTAMP,
        now: NOW,
      }),
    ).toBe(false);
    const err = await rejectionOf(
      constructWebhookEvent({
        payload: PAYLOAD,
        signature: PYTHON_SCHEME,
        timestamp: TIMESTAMP,
        secret: SECRET,
        now: NOW,
      }),
    );
    expect(err).toBeInstanceOf(WebhookVerificationError);
    expect(err.code).toBe('invalid_signature');
  });

  test('known answer shared with the Go SDK: HMAC-SHA256(test-secret, hello)', async () => {
    const kat = 'bcc889a40667cab715e1dc22ad280692cf4bf1c3a280eeeca60d8dbcd8e4b993';
    expect(await verifyWebhookSignature({ payload: 'hello', signature: kat, secret: 'test-secret' })).toBe(true);
    expect(await verifyWebhookSignature({ payload: 'hello!', signature: kat, secret: 'test-secret' })).toBe(false);
  });

  test('the key is the secret text itself, not its hex-decoded bytes', async () => {
    const decodedKey = createHmac('sha256', Buffer.from(SECRET, 'hex')).update(PAYLOAD).digest('hex');
    expect(await verifyWebhookSignature({ payload: PAYLOAD, signature: decodedKey, secret: SECRET })).toBe(false);
  });
});

describe('verifyWebhookSignature', () => {
  test('several secrets: valid when any matches (rotation)', async () => {
    const other = 'a'.repeat(64);
    expect(await verifyWebhookSignature({ payload: PAYLOAD, signature: SIGNATURE, secret: [other, SECRET] })).toBe(
      true,
    );
    expect(await verifyWebhookSignature({ payload: PAYLOAD, signature: SIGNATURE, secret: [other] })).toBe(false);
    expect(await verifyWebhookSignature({ payload: PAYLOAD, signature: SIGNATURE, secret: [] })).toBe(false);
  });

  test('a tampered body, a wrong secret, a one-bit change of the signature are false', async () => {
    expect(await verifyWebhookSignature({ payload: `${PAYLOAD} `, signature: SIGNATURE, secret: SECRET })).toBe(false);
    expect(
      await verifyWebhookSignature({ payload: PAYLOAD.replace('Ada', 'Eve'), signature: SIGNATURE, secret: SECRET }),
    ).toBe(false);
    expect(await verifyWebhookSignature({ payload: PAYLOAD, signature: SIGNATURE, secret: `${SECRET}x` })).toBe(false);
    const flipped = `${SIGNATURE.slice(0, 63)}${SIGNATURE.endsWith('d') ? 'c' : 'd'}`;
    expect(await verifyWebhookSignature({ payload: PAYLOAD, signature: flipped, secret: SECRET })).toBe(false);
  });

  test('empty or malformed input is false, never a throw', async () => {
    const cases: unknown[] = [
      { payload: PAYLOAD, signature: '', secret: SECRET },
      { payload: PAYLOAD, signature: null, secret: SECRET },
      { payload: PAYLOAD, signature: SIGNATURE, secret: '' },
      { payload: PAYLOAD, signature: SIGNATURE.slice(1), secret: SECRET },
      { payload: PAYLOAD, signature: `${SIGNATURE}00`, secret: SECRET },
      { payload: PAYLOAD, signature: 'zz'.repeat(32), secret: SECRET },
      { payload: { parsed: true }, signature: SIGNATURE, secret: SECRET },
      { payload: PAYLOAD, signature: SIGNATURE, secret: 42 },
      null,
      undefined,
      'nope',
    ];
    for (const input of cases) {
      expect(await verifyWebhookSignature(input as Parameters<typeof verifyWebhookSignature>[0])).toBe(false);
    }
  });

  test('the timestamp must be an integer within the tolerance (300 s by default)', async () => {
    const at = (timestamp: string | number, now: number, toleranceSeconds?: number) =>
      verifyWebhookSignature({
        payload: PAYLOAD,
        signature: SIGNATURE,
        secret: SECRET,
        timestamp,
        now,
        toleranceSeconds,
      });
    const t = TIMESTAMP * 1000;
    expect(await at(TIMESTAMP, t + 300_000)).toBe(true);
    expect(await at(TIMESTAMP, t - 300_000)).toBe(true);
    expect(await at(TIMESTAMP, t + 301_000)).toBe(false);
    expect(await at(TIMESTAMP, t - 301_000)).toBe(false);
    expect(await at(TIMESTAMP, t + 3_600_000, 7200)).toBe(true);
    expect(await at('1767225600.5', t)).toBe(false);
    expect(await at('', t)).toBe(false);
    expect(await at('soon', t)).toBe(false);
    expect(await at(Number.NaN, t)).toBe(false);
  });
});

describe('constructWebhookEvent', () => {
  const headers = {
    'X-Webhook-Signature': SIGNATURE,
    'x-webhook-timestamp': String(TIMESTAMP),
    'X-WEBHOOK-ID': '7b0c2f9e-1d5a-4c3b-9e8f-0a1b2c3d4e5f',
  };

  test('returns the typed event from a plain record or a Headers object (case-insensitive)', async () => {
    for (const h of [headers, new Headers(headers), { 'x-webhook-signature': [SIGNATURE] }]) {
      const event: WebhookEvent = await constructWebhookEvent({
        payload: PAYLOAD,
        headers: h,
        secret: SECRET,
        now: NOW,
      });
      expect(event).toMatchObject({ id: '7b0c2f9e-1d5a-4c3b-9e8f-0a1b2c3d4e5f', type: 'user.created', object: 'user' });
      expect(event.apiVersion).toBe('v1');
      expect(event.createdAt.toISOString()).toBe('2026-01-01T00:00:00.000Z');
      if (event.type !== 'user.created') throw new Error('narrowing');
      expect(event.data.email).toBe('ada@example.com');
      expect(event.data.username).toBeNull();
    }
  });

  test('each failure has its own code, and the errors are Janua errors without secrets', async () => {
    const codeOf = async (p: Partial<Parameters<typeof constructWebhookEvent>[0]>) => {
      const err = await rejectionOf(constructWebhookEvent({ payload: PAYLOAD, secret: SECRET, now: NOW, ...p }));
      expect(err).toBeInstanceOf(WebhookVerificationError);
      expect(isJanuaError(err)).toBe(true);
      expect(err).toMatchObject({ name: 'WebhookVerificationError', status: 0, requestId: undefined });
      expect(err.details).toBeTypeOf('object');
      expect(err.message).not.toContain(SECRET);
      expect(err.message).not.toContain(SIGNATURE);
      return err.code;
    };
    expect(await codeOf({ headers: {} })).toBe('missing_signature');
    expect(await codeOf({ headers, payload: PAYLOAD.replace('Ada', 'Eve') })).toBe('invalid_signature');
    expect(await codeOf({ headers, secret: 'b'.repeat(64) })).toBe('invalid_signature');
    expect(await codeOf({ headers, now: NOW + 3_600_000 })).toBe('timestamp_out_of_tolerance');
    expect(await codeOf({ headers, secret: '' })).toBe('missing_secret');
    const notJson = 'not json';
    const sig = createHmac('sha256', SECRET).update(notJson).digest('hex');
    expect(await codeOf({ payload: notJson, signature: sig })).toBe('invalid_payload');
    const unknownType = PAYLOAD.replace('"type":"user.created"', '"type":"user.signed_in"');
    expect(
      await codeOf({ payload: unknownType, signature: createHmac('sha256', SECRET).update(unknownType).digest('hex') }),
    ).toBe('invalid_payload');
  });

  test('explicit signature and timestamp win over headers', async () => {
    const event = await constructWebhookEvent({
      payload: PAYLOAD,
      headers: { 'x-webhook-signature': 'f'.repeat(64) },
      signature: SIGNATURE,
      timestamp: TIMESTAMP,
      secret: SECRET,
      now: NOW,
    });
    expect(event.type).toBe('user.created');
  });

  test('every contract event type is accepted', async () => {
    expect(WEBHOOK_EVENT_TYPES).toHaveLength(26);
    for (const type of WEBHOOK_EVENT_TYPES) {
      const body = JSON.stringify({ id: 'e', type, created_at: '2026-01-01T00:00:00', data: {}, object: 'x' });
      const signature = createHmac('sha256', SECRET).update(body).digest('hex');
      const event = await constructWebhookEvent({ payload: body, signature, secret: SECRET });
      expect(event.type).toBe(type);
      expect(event.object).toBe(type.split('.')[0]);
    }
  });
});
