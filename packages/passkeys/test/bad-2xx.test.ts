import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll, describe, vi } from 'vitest';
import { describeBad2xx } from '../../../test-support/bad-2xx';
import * as browser from '../src/browser';
import * as passkeys from '../src/index';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer({ scryptN: 1024 });
});
afterAll(() => server.close());

const id = '11111111-2222-4333-8444-555555555555';
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
// Shaped enough to pass the local checks: the challenge is read from clientDataJSON.
const response = { clientDataJSON: b64({ challenge: 'c' }), authenticatorData: 'AA', signature: 'AA' };
const credential = { id: 'cred', rawId: 'cred', type: 'public-key', clientExtensionResults: {} } as const;

describeBad2xx({
  server: () => server,
  module: passkeys,
  table: {
    beginAuthentication: (j) => passkeys.beginAuthentication(j, { email: 'a@example.com' }),
    beginRegistration: (j) => passkeys.beginRegistration(j),
    completeAuthentication: (j) =>
      passkeys.completeAuthentication(j, { challengeId: 'c', credential: { ...credential, response } as never }),
    completeRegistration: (j) =>
      passkeys.completeRegistration(j, {
        challengeId: 'c',
        credential: { ...credential, response: { ...response, attestationObject: 'AA' } } as never,
        name: 'laptop',
      }),
    deletePasskey: (j) => passkeys.deletePasskey(j, { passkeyId: id, password: 'Correct-Horse-9!' }),
    getPasskeyAvailability: (j) => passkeys.getPasskeyAvailability(j),
    iteratePasskeys: (j) => passkeys.iteratePasskeys(j),
    listPasskeys: (j) => passkeys.listPasskeys(j),
    renamePasskey: (j) => passkeys.renamePasskey(j, { passkeyId: id, name: 'laptop' }),
  },
  signIn: ['completeAuthentication'],
});

// The browser entry: a PublicKeyCredential global stands in for a WebAuthn-capable browser (the
// check @simplewebauthn/browser makes), so the ceremony's first request goes out and meets the
// bad body; whatever follows (Node has no navigator.credentials) must be a PasskeyError.
describe('browser entry', () => {
  beforeAll(() => {
    vi.stubGlobal('PublicKeyCredential', class {});
  });
  afterAll(() => {
    vi.unstubAllGlobals();
  });
  describeBad2xx({
    server: () => server,
    module: browser,
    table: {
      registerPasskey: (j) => browser.registerPasskey(j, { name: 'laptop' }),
      signInWithPasskey: (j) => browser.signInWithPasskey(j, { email: 'a@example.com' }),
    },
    exempt: {
      isPasskeyAutofillSupported: 'local only: feature detection, no request',
      isPasskeySupported: 'local only: feature detection, no request',
    },
    signIn: ['signInWithPasskey'],
  });
});
