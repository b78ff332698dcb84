// The browser entry's error mapping, as pure logic (the real-browser path is proven by
// examples/browser-passkeys in Chromium). Node has DOMException but no PublicKeyCredential.
import { createJanua, isJanuaError, JanuaError } from '@janua/core';
import { startDevServer } from '@janua/dev-server';
import { WebAuthnError } from '@simplewebauthn/browser';
import { describe, expect, test } from 'vitest';
import { PasskeyError, registerPasskey, signInWithPasskey } from '../src/browser';
import { ceremony } from '../src/browser/internal/ceremony';
import { rejectionOf } from './helpers';

const dom = (name: string) => new DOMException('browser says no', name);
const mapped = (err: unknown, elapsed = 0, timeoutMs?: number) =>
  rejectionOf(
    ceremony(
      () =>
        new Promise((_, reject) => {
          setTimeout(() => reject(err), elapsed);
        }),
      { timeoutMs },
    ),
  );

describe('PasskeyError mapping', () => {
  test.each([
    ['AbortError', 'cancelled'],
    ['NotAllowedError', 'not_allowed'],
    ['InvalidStateError', 'invalid_state'],
    ['NotSupportedError', 'unsupported'],
    ['SecurityError', 'security'],
    ['UnknownError', 'unknown'],
    ['ConstraintError', 'unknown'],
  ])('a raw %s becomes code %s, with the DOMException as cause', async (name, code) => {
    const cause = dom(name);
    const err = await mapped(cause);
    expect(err).toBeInstanceOf(PasskeyError);
    expect(err).toBeInstanceOf(JanuaError);
    expect(isJanuaError(err)).toBe(true);
    expect(err).not.toBeInstanceOf(DOMException);
    expect(err).toMatchObject({ name: 'PasskeyError', code, status: 0 });
    expect(err.cause).toBe(cause);
  });

  test.each([
    ['ERROR_CEREMONY_ABORTED', 'AbortError', 'cancelled'],
    ['ERROR_PASSTHROUGH_SEE_CAUSE_PROPERTY', 'NotAllowedError', 'not_allowed'],
    ['ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED', 'InvalidStateError', 'invalid_state'],
    ['ERROR_INVALID_RP_ID', 'SecurityError', 'security'],
    ['ERROR_AUTHENTICATOR_NO_SUPPORTED_PUBKEYCREDPARAMS_ALG', 'NotSupportedError', 'unsupported'],
    ['ERROR_AUTHENTICATOR_GENERAL_ERROR', 'UnknownError', 'unknown'],
  ] as const)('@simplewebauthn/browser %s becomes %s', async (libCode, domName, code) => {
    const original = new WebAuthnError({ message: 'm', code: libCode, cause: dom(domName) });
    const err = await mapped(original);
    expect(err).toMatchObject({ name: 'PasskeyError', code });
    expect(err.cause).toBe(original);
  });

  test('a NotAllowedError after the options’ timeout is a timeout', async () => {
    expect((await mapped(dom('NotAllowedError'), 30, 20)).code).toBe('timeout');
    expect((await mapped(dom('NotAllowedError'), 0, 60_000)).code).toBe('not_allowed');
  });

  test('an already aborted signal cancels before the browser is asked', async () => {
    let asked = false;
    const err = await rejectionOf(
      ceremony(
        async () => {
          asked = true;
        },
        { signal: AbortSignal.abort() },
      ),
    );
    expect(err).toMatchObject({ name: 'PasskeyError', code: 'cancelled' });
    expect(asked).toBe(false);
  });

  test('without WebAuthn the whole ceremony fails as unsupported, before any request', async () => {
    const server = await startDevServer();
    try {
      const janua = createJanua({ baseUrl: server.url, env: {} });
      for (const call of [
        registerPasskey(janua),
        signInWithPasskey(janua),
        signInWithPasskey(janua, { conditional: true }),
      ]) {
        const err = await rejectionOf(call);
        expect(err).toBeInstanceOf(PasskeyError);
        expect(err.code).toBe('unsupported');
      }
      expect(server.requests().filter((r) => r.path.startsWith('/api/v1/passkeys'))).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
