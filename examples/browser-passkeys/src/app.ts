// The example page: sign up, add a passkey, sign out, sign back in with it. Bundled by server.mjs
// with esbuild for the browser, so every @janua import resolves to its browser build.
import { getCurrentUser, signOut, signUp } from '@janua/auth';
import { createJanua, createLocalStorageTokenStore, getTokens, isJanuaError } from '@janua/core';
import { listPasskeys } from '@janua/passkeys';
import {
  isPasskeyAutofillSupported,
  isPasskeySupported,
  PasskeyError,
  registerPasskey,
  signInWithPasskey,
} from '@janua/passkeys/browser';

const janua = createJanua({
  baseUrl: document.documentElement.dataset.januaUrl,
  tokenStorage: createLocalStorageTokenStore({ key: 'janua.example.tokens' }),
});

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = $('status');
const error = $('error');

function show(message: string) {
  status.textContent = message;
  error.textContent = '';
  delete error.dataset.name;
  delete error.dataset.code;
}

function fail(err: unknown) {
  const e = err as { name?: string; code?: string; message?: string };
  error.dataset.name = e.name ?? 'Error';
  if (isJanuaError(err) && err.code) error.dataset.code = err.code;
  error.textContent = `${e.name}${error.dataset.code ? ` (${error.dataset.code})` : ''}: ${e.message}`;
}

// Conditional UI: passkeys appear in the email field's autofill list while signed out. Any modal
// ceremony (a button click) cancels it, so its `cancelled` error is expected and ignored.
// `?autofill=0` turns it off: an authenticator that answers without asking (like Chromium's
// virtual one in the end-to-end test) would otherwise sign in before any button is pressed.
const autofillEnabled = new URLSearchParams(location.search).get('autofill') !== '0';
let autofill: AbortController | undefined;
async function offerAutofill() {
  if (!autofillEnabled || autofill || !(await isPasskeyAutofillSupported()) || autofill) return;
  const controller = new AbortController();
  autofill = controller;
  try {
    const result = await signInWithPasskey(janua, { conditional: true }, { signal: controller.signal });
    await render(`Signed in with a passkey (autofill) as ${result.user.email}`);
  } catch (err) {
    if (!(err instanceof PasskeyError && err.code === 'cancelled')) fail(err);
  } finally {
    if (autofill === controller) autofill = undefined;
  }
}
function stopAutofill() {
  autofill?.abort();
  autofill = undefined;
}

async function render(message?: string) {
  const signedIn = (await getTokens(janua)) !== null;
  $('signed-in').hidden = !signedIn;
  $('signed-out').hidden = signedIn;
  if (!signedIn) {
    show(message ?? 'Signed out');
    void offerAutofill();
    return;
  }
  stopAutofill();
  const [me, passkeys] = await Promise.all([getCurrentUser(janua), listPasskeys(janua)]);
  const list = $('passkeys');
  list.replaceChildren(
    ...passkeys.data.map((p) => {
      const li = document.createElement('li');
      li.textContent = `${p.name ?? 'Unnamed passkey'} (used ${p.lastUsedAt ? p.lastUsedAt.toLocaleString() : 'never'})`;
      li.dataset.id = p.id;
      return li;
    }),
  );
  show(message ?? `Signed in as ${me.email}`);
}

/** Runs a button's action with one error display and no double submits. */
function action(id: string, run: (event: Event) => Promise<void>) {
  const el = $(id);
  el.addEventListener(el instanceof HTMLFormElement ? 'submit' : 'click', async (event) => {
    event.preventDefault();
    error.textContent = '';
    try {
      await run(event);
    } catch (err) {
      fail(err);
    }
  });
}

action('sign-up-form', async () => {
  const email = $<HTMLInputElement>('sign-up-email').value;
  await signUp(janua, { email, password: $<HTMLInputElement>('sign-up-password').value });
  await render(`Signed up as ${email}`);
});

action('add-passkey', async () => {
  const count = $('passkeys').childElementCount;
  await registerPasskey(janua, { name: `Passkey ${count + 1}` });
  await render('Passkey added');
});

action('sign-out', async () => {
  await signOut(janua);
  await render('Signed out');
});

action('passkey-form', async () => {
  stopAutofill();
  const email = $<HTMLInputElement>('passkey-email').value.trim();
  try {
    const result = await signInWithPasskey(janua, email ? { email } : {});
    await render(`Signed in with a passkey as ${result.user.email}`);
  } finally {
    if ($('signed-in').hidden) void offerAutofill();
  }
});

if (!isPasskeySupported()) fail(new Error('This browser has no WebAuthn: passkeys are unavailable.'));
void render().catch(fail);

// For experiments in the devtools console (the end-to-end test uses it too).
Object.assign(window, { demo: { janua, registerPasskey, signInWithPasskey, PasskeyError } });
