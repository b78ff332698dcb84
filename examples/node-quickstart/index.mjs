// Janua quick start: signs a user up and in against a Janua API and edits the profile.
// With no JANUA_BASE_URL it starts the embedded dev server first, so it runs anywhere.
import { getCurrentUser, signIn, signOut, signUp } from '@janua/auth';
import { createJanua } from '@janua/core';
import { updateCurrentUser } from '@janua/users';

const embedded = process.env.JANUA_BASE_URL ? null : await (await import('@janua/dev-server')).startDevServer();
const baseUrl = process.env.JANUA_BASE_URL || embedded.url;
console.log(embedded ? `Started the embedded dev server at ${baseUrl}` : `Using ${baseUrl}`);

const janua = createJanua({ baseUrl });
const email = `ada-${Date.now()}@example.com`;
const password = 'Correct-Horse-9!';

try {
  const signedUp = await signUp(janua, { email, password, firstName: 'Ada' });
  console.log(`1. Signed up ${signedUp.user.email} (id ${signedUp.user.id})`);

  await signOut(janua);
  console.log('2. Signed out');

  const signedIn = await signIn(janua, { email, password });
  if (signedIn.status !== 'signedIn') throw new Error('this account has MFA on');
  console.log(
    `3. Signed in again; session ${signedIn.session?.id}, token valid until ${new Date(signedIn.tokens.expiresAt).toISOString()}`,
  );

  const me = await getCurrentUser(janua);
  console.log(`4. Current user: ${me.email}, first name ${me.firstName}, verified: ${me.emailVerified}`);

  const updated = await updateCurrentUser(janua, {
    lastName: 'Lovelace',
    displayName: 'Ada Lovelace',
    userMetadata: { plan: 'pro' },
  });
  console.log(`5. Updated the profile: ${updated.displayName}, metadata ${JSON.stringify(updated.userMetadata)}`);
} finally {
  await embedded?.close();
}
