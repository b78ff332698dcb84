import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll, describe, vi } from 'vitest';
import { describeBad2xx, is, shape } from '../../../test-support/bad-2xx';
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

const SIGNED_IN = shape({
  status: is.exactly('signedIn'),
  user: shape({ id: is.string, email: is.string }),
  tokens: shape({ accessToken: is.string }),
});
const REGISTERED = shape({ passkeyId: is.string });

describeBad2xx({
  server: () => server,
  module: passkeys,
  table: {
    beginAuthentication: {
      call: (j) => passkeys.beginAuthentication(j, { email: 'a@example.com' }),
      resolves: shape({ challengeId: is.string, options: shape({ challenge: is.string }) }),
    },
    beginRegistration: {
      call: (j) => passkeys.beginRegistration(j),
      resolves: shape({
        challengeId: is.string,
        options: shape({
          challenge: is.string,
          rp: is.object,
          user: is.object,
          pubKeyCredParams: is.arrayOf(is.object),
        }),
      }),
    },
    completeAuthentication: {
      call: (j) =>
        passkeys.completeAuthentication(j, { challengeId: 'c', credential: { ...credential, response } as never }),
      resolves: SIGNED_IN,
    },
    completeRegistration: {
      call: (j) =>
        passkeys.completeRegistration(j, {
          challengeId: 'c',
          credential: { ...credential, response: { ...response, attestationObject: 'AA' } } as never,
          name: 'laptop',
        }),
      resolves: REGISTERED,
    },
    deletePasskey: {
      call: (j) => passkeys.deletePasskey(j, { passkeyId: id, password: 'Correct-Horse-9!' }),
      resolves: 'void',
    },
    getPasskeyAvailability: {
      call: (j) => passkeys.getPasskeyAvailability(j),
      resolves: shape({
        available: is.boolean,
        platformAuthenticator: is.boolean,
        roamingAuthenticator: is.boolean,
        conditionalMediation: is.boolean,
        userVerifyingPlatformAuthenticator: is.boolean,
      }),
    },
    iteratePasskeys: { call: (j) => passkeys.iteratePasskeys(j), resolves: 'list' },
    listPasskeys: { call: (j) => passkeys.listPasskeys(j), resolves: 'list' },
    renamePasskey: {
      call: (j) => passkeys.renamePasskey(j, { passkeyId: id, name: 'laptop' }),
      resolves: shape({ id: is.string, name: is.nullable(is.string), createdAt: is.date, signCount: is.number }),
    },
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
      registerPasskey: { call: (j) => browser.registerPasskey(j, { name: 'laptop' }), resolves: REGISTERED },
      signInWithPasskey: {
        call: (j) => browser.signInWithPasskey(j, { email: 'a@example.com' }),
        resolves: SIGNED_IN,
      },
    },
    exempt: {
      isPasskeyAutofillSupported: 'local only: feature detection, no request',
      isPasskeySupported: 'local only: feature detection, no request',
    },
    signIn: ['signInWithPasskey'],
  });
});
