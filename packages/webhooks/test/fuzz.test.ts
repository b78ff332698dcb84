import { createHmac } from 'node:crypto';
import { constructWebhookEvent, verifyWebhookSignature, WebhookVerificationError } from '@janua/webhooks/verify';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

const SECRET = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
const CODES = [
  'missing_signature',
  'invalid_signature',
  'timestamp_out_of_tolerance',
  'invalid_payload',
  'missing_secret',
];

const payload = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.uint8Array({ maxLength: 512 }), fc.json());
const signature = fc.oneof(
  fc.string(),
  fc.stringMatching(/^(sha256=)?[0-9a-fA-F]{62,66}$/),
  fc.constant(''),
  fc.constant(null),
  fc.constant(undefined),
);
const timestamp = fc.oneof(
  fc.string(),
  fc.integer().map(String),
  fc.double(),
  fc.integer(),
  fc.constant(null),
  fc.constant(undefined),
);
const secret = fc.oneof(fc.constant(SECRET), fc.string(), fc.array(fc.string(), { maxLength: 3 }));
const now = fc.oneof(fc.constant(undefined), fc.integer(), fc.date({ noInvalidDate: false }));

/** The only acceptable failure of constructWebhookEvent. */
function expectTypedError(err: unknown) {
  expect(err).toBeInstanceOf(WebhookVerificationError);
  expect(CODES).toContain((err as WebhookVerificationError).code);
}

describe('fuzz: any string or bytes never makes the verifiers throw anything else', () => {
  test('verifyWebhookSignature always resolves to a boolean', async () => {
    await fc.assert(
      fc.asyncProperty(payload, signature, timestamp, secret, now, async (p, s, t, k, n) => {
        const result = await verifyWebhookSignature({ payload: p, signature: s, timestamp: t, secret: k, now: n });
        expect(typeof result).toBe('boolean');
      }),
      { numRuns: 1500 },
    );
  });

  test('constructWebhookEvent returns an event or throws a typed WebhookVerificationError', async () => {
    await fc.assert(
      fc.asyncProperty(payload, signature, timestamp, secret, now, async (p, s, t, k, n) => {
        try {
          await constructWebhookEvent({ payload: p, signature: s, timestamp: t, secret: k, now: n });
        } catch (err) {
          expectTypedError(err);
        }
      }),
      { numRuns: 1500 },
    );
  });

  test('correctly signed arbitrary bodies: verified, then an event or invalid_payload', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.uint8Array({ maxLength: 512 }), fc.json()), async (p) => {
        const sig = createHmac('sha256', SECRET).update(p).digest('hex');
        expect(await verifyWebhookSignature({ payload: p, signature: sig, secret: SECRET })).toBe(true);
        try {
          const event = await constructWebhookEvent({ payload: p, signature: sig, secret: SECRET });
          expect(typeof event.type).toBe('string');
        } catch (err) {
          expectTypedError(err);
          expect((err as WebhookVerificationError).code).toBe('invalid_payload');
        }
      }),
      { numRuns: 1000 },
    );
  });

  test('arbitrary header records, including odd value types', async () => {
    const headers = fc.dictionary(
      fc.oneof(fc.string(), fc.constantFrom('X-Webhook-Signature', 'x-webhook-timestamp')),
      fc.oneof(fc.string(), fc.array(fc.string()), fc.constant(undefined), fc.constant(null)),
    );
    await fc.assert(
      fc.asyncProperty(payload, headers, async (p, h) => {
        try {
          await constructWebhookEvent({ payload: p, headers: h, secret: SECRET });
        } catch (err) {
          expectTypedError(err);
        }
      }),
      { numRuns: 1000 },
    );
  });

  test('a one-byte change of a signed body is always rejected', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 256 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (bytes, at, flip) => {
          const sig = createHmac('sha256', SECRET).update(bytes).digest('hex');
          const tampered = Uint8Array.from(bytes);
          const i = at % tampered.length;
          tampered[i] = (tampered[i] as number) ^ flip;
          expect(await verifyWebhookSignature({ payload: tampered, signature: sig, secret: SECRET })).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});
