import { signUp } from '@janua/auth';
import { createJanua, ValidationError } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { getCurrentUserProfile, updateCurrentUser } from '../src/index';
import { PASSWORD, rejectionOf, uniqueEmail } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer();
});
afterAll(() => server.close());

test('update the own profile; absent fields stay, metadata is replaced', async () => {
  const janua = createJanua({ baseUrl: server.url, env: {} });
  await signUp(janua, { email: uniqueEmail(), password: PASSWORD, firstName: 'Ada' });
  const updated = await updateCurrentUser(janua, { lastName: 'Lovelace', bio: 'Analyst', userMetadata: { a: 1 } });
  expect(updated).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', bio: 'Analyst', userMetadata: { a: 1 } });
  const again = await updateCurrentUser(janua, { userMetadata: { b: 2 } });
  expect(again.userMetadata).toEqual({ b: 2 });
  const profile = await getCurrentUserProfile(janua);
  expect(profile).toMatchObject({ lastName: 'Lovelace', status: 'active', userMetadata: { b: 2 } });
  expect(profile.updatedAt).toBeInstanceOf(Date);
});

test('too long a field is a 422 with the field path', async () => {
  const janua = createJanua({ baseUrl: server.url, env: {} });
  await signUp(janua, { email: uniqueEmail(), password: PASSWORD });
  const err = await rejectionOf(updateCurrentUser(janua, { firstName: 'x'.repeat(101) }));
  expect(err).toBeInstanceOf(ValidationError);
  expect(err.fieldErrors[0].field).toBe('body.first_name');
});
