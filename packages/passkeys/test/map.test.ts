import { describe, expect, test } from 'vitest';
import { toRegistrationOptions } from '../src/internal/map';

describe('registration options normalisation (contract §4.7)', () => {
  const base = {
    challenge: 'Y2hhbGxlbmdl',
    rp: { id: 'localhost', name: 'Janua' },
    user: { id: 'dQ', name: 'ada@example.com', displayName: 'Ada' },
    pubKeyCredParams: [{ type: 'public-key' as const, alg: -7 }],
  };

  test('snake_case authenticatorSelection keys from upstream become the WebAuthn names', () => {
    const out = toRegistrationOptions({
      ...base,
      authenticatorSelection: {
        authenticator_attachment: 'platform',
        require_resident_key: false,
        resident_key: 'preferred',
        user_verification: 'preferred',
      },
    });
    expect(out.authenticatorSelection).toEqual({
      authenticatorAttachment: 'platform',
      requireResidentKey: false,
      residentKey: 'preferred',
      userVerification: 'preferred',
    });
  });

  test('camelCase keys win and pass through untouched; no selection stays absent', () => {
    const out = toRegistrationOptions({
      ...base,
      authenticatorSelection: { userVerification: 'required', user_verification: 'discouraged' },
    });
    expect(out.authenticatorSelection).toEqual({ userVerification: 'required' });
    expect(toRegistrationOptions(base)).toEqual(base);
  });
});
