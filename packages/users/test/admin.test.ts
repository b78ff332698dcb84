import { getCurrentUser, resetPassword, signIn, signUp } from '@janua/auth';
import {
  AuthenticationError,
  AuthorizationError,
  ConflictError,
  createJanua,
  getTokens,
  type Janua,
  NotFoundError,
  ValidationError,
} from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { addFault } from '@janua/dev-server/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createUser,
  deleteAvatar,
  deleteCurrentUser,
  deleteUser,
  getCurrentUserProfile,
  getUser,
  getUserByEmail,
  iterateUsers,
  listUsers,
  suspendUser,
  unsuspendUser,
  updateUser,
  updateUserEmail,
  uploadAvatar,
} from '../src/index';
import { PASSWORD, rejectionOf, uniqueEmail } from './helpers';

let server: DevServer;
let admin: Janua;
beforeAll(async () => {
  server = await startDevServer();
  admin = createJanua({ baseUrl: server.url, env: {} });
  await signIn(admin, { email: server.admin.email, password: server.admin.password });
});
afterAll(() => server.close());

const make = () => createJanua({ baseUrl: server.url, env: {} });
async function newUser() {
  const janua = make();
  const email = uniqueEmail();
  const result = await signUp(janua, { email, password: PASSWORD });
  return { janua, email, id: result.user.id };
}

describe('admin user management', () => {
  test('create without a password → set-password token → the user signs in', async () => {
    const email = uniqueEmail('created');
    const created = await createUser(admin, { email, name: 'Grace', emailVerified: true });
    expect(created).toMatchObject({ email, name: 'Grace', emailVerified: true, isAdmin: false });
    expect(created.setPasswordToken).toMatch(/^[\w-]{43}$/);
    await resetPassword(make(), { token: created.setPasswordToken as string, newPassword: 'Grace-Hopper-1!' });
    expect((await signIn(make(), { email, password: 'Grace-Hopper-1!' })).status).toBe('signedIn');
    expect(await rejectionOf(createUser(admin, { email }))).toBeInstanceOf(ConflictError);
  });

  test('get, get by email, list and iterate', async () => {
    const tag = `find${Date.now()}`;
    const ids: string[] = [];
    for (let i = 0; i < 7; i++)
      ids.push((await createUser(admin, { email: `${tag}-${i}@example.test`, password: PASSWORD })).id);
    expect((await getUser(admin, { userId: ids[0] as string })).email).toBe(`${tag}-0@example.test`);
    expect((await getUserByEmail(admin, { email: `${tag.toUpperCase()}-3@EXAMPLE.TEST` })).id).toBe(ids[3]);
    expect(await rejectionOf(getUserByEmail(admin, { email: `${tag}-99@example.test` }))).toBeInstanceOf(NotFoundError);
    const page = await listUsers(admin, { search: tag, limit: 3, offset: 3 });
    expect(page).toMatchObject({ total: 7, hasMore: true });
    expect(page.data).toHaveLength(3);
    const all: string[] = [];
    for await (const u of iterateUsers(admin, { search: tag, limit: 2 })) all.push(u.id);
    expect(all.sort()).toEqual([...ids].sort());
    expect(await rejectionOf(listUsers(admin, { limit: 3, offset: 2 }))).toBeInstanceOf(ValidationError);
  });

  test('bad ids fail locally without a request', async () => {
    const before = server.requests().length;
    for (const call of [
      getUser(admin, { userId: 'nope' }),
      suspendUser(admin, { userId: '../admin' }),
      deleteUser(admin, { userId: '' }),
    ]) {
      expect(await rejectionOf(call)).toBeInstanceOf(ValidationError);
    }
    expect(server.requests().length).toBe(before);
  });

  test('a non-admin cannot read or manage others', async () => {
    const a = await newUser();
    const b = await newUser();
    expect(await rejectionOf(getUser(a.janua, { userId: b.id }))).toBeInstanceOf(AuthorizationError);
    expect((await listUsers(a.janua)).data.map((u) => u.id)).toEqual([a.id]);
    expect(await rejectionOf(suspendUser(a.janua, { userId: b.id }))).toBeInstanceOf(AuthorizationError);
    expect(await rejectionOf(createUser(a.janua, { email: uniqueEmail() }))).toBeInstanceOf(AuthorizationError);
    expect(await rejectionOf(updateUser(a.janua, { userId: b.id, firstName: 'x' }))).toBeInstanceOf(AuthorizationError);
  });

  test('suspend revokes sessions and blocks sign-in; unsuspend restores', async () => {
    const u = await newUser();
    await suspendUser(admin, { userId: u.id, reason: 'chargeback' });
    expect(await rejectionOf(getCurrentUser(u.janua))).toBeInstanceOf(AuthenticationError);
    expect(await rejectionOf(signIn(make(), { email: u.email, password: PASSWORD }))).toBeInstanceOf(
      AuthorizationError,
    );
    await unsuspendUser(admin, { userId: u.id });
    expect((await signIn(make(), { email: u.email, password: PASSWORD })).status).toBe('signedIn');
    expect((await rejectionOf(unsuspendUser(admin, { userId: u.id }))).message).toBe('User is not suspended');
    expect((await getUser(admin, { userId: u.id })).userMetadata).toEqual({ suspension_reason: 'chargeback' });
  });

  test('update someone (admin) and yourself; change email with verification', async () => {
    const u = await newUser();
    expect((await updateUser(admin, { userId: u.id, displayName: 'By admin' })).displayName).toBe('By admin');
    expect((await updateUser(u.janua, { userId: u.id, bio: 'By me' })).bio).toBe('By me');
    const newEmail = uniqueEmail('moved');
    const moved = await updateUserEmail(admin, { userId: u.id, newEmail });
    expect(moved).toMatchObject({ email: newEmail, emailVerified: false });
    expect(server.outbox({ to: newEmail, template: 'verify_email' })).toHaveLength(1);
    const other = await newUser();
    expect(await rejectionOf(updateUserEmail(admin, { userId: u.id, newEmail: other.email }))).toBeInstanceOf(
      ConflictError,
    );
  });

  test('delete: soft by admin; own account needs the password and clears tokens', async () => {
    const u = await newUser();
    await deleteUser(admin, { userId: u.id });
    expect(await rejectionOf(getUser(admin, { userId: u.id }))).toBeInstanceOf(NotFoundError);
    const me = await newUser();
    expect((await rejectionOf(deleteCurrentUser(me.janua, { password: 'Wrong-Pass-1!' }))).message).toBe(
      'Invalid password',
    );
    await deleteCurrentUser(me.janua, { password: PASSWORD });
    expect(await getTokens(me.janua)).toBeNull();
    expect(await rejectionOf(signIn(make(), { email: me.email, password: PASSWORD }))).toBeInstanceOf(
      AuthenticationError,
    );
  });
});

describe('avatars', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

  test('upload a Blob or Node bytes, serve it, delete it', async () => {
    const u = await newUser();
    const { profileImageUrl } = await uploadAvatar(u.janua, { file: new Blob([png], { type: 'image/png' }) });
    expect(profileImageUrl.startsWith(`${server.url}/uploads/avatars/`)).toBe(true);
    const served = await fetch(profileImageUrl);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(png);
    const second = await uploadAvatar(u.janua, { file: Buffer.from(png), contentType: 'image/webp' });
    expect(second.profileImageUrl).toMatch(/\.webp$/);
    // Every mapper returns the same absolute URL, though the server sends a relative path (§4.3),
    // so an app on another origin can put any of them in an <img src>.
    expect(server.dev.db.prepare('SELECT profile_image_url FROM users WHERE id = ?').get(u.id)).toEqual({
      profile_image_url: new URL(second.profileImageUrl).pathname,
    });
    expect((await getCurrentUserProfile(u.janua)).profileImageUrl).toBe(second.profileImageUrl);
    expect((await getCurrentUser(u.janua)).profileImageUrl).toBe(second.profileImageUrl);
    expect((await getUser(admin, { userId: u.id })).profileImageUrl).toBe(second.profileImageUrl);
    const listed = await listUsers(admin, { search: u.email });
    expect(listed.data.map((x) => x.profileImageUrl)).toEqual([second.profileImageUrl]);
    const again = await signIn(make(), { email: u.email, password: PASSWORD });
    expect(again.status === 'signedIn' && again.user.profileImageUrl).toBe(second.profileImageUrl);
    await deleteAvatar(u.janua);
    expect((await getCurrentUserProfile(u.janua)).profileImageUrl).toBeNull();
  });

  test('an absolute avatar URL (a CDN) comes back unchanged; a malformed one is INVALID_RESPONSE', async () => {
    const u = await newUser();
    const wire = await (
      await fetch(`${server.url}/api/v1/users/me`, {
        headers: { authorization: `Bearer ${(await getTokens(u.janua))?.accessToken}` },
      })
    ).json();
    for (const [url, expected] of [
      ['https://cdn.example/avatars/a.png', 'https://cdn.example/avatars/a.png'],
      ['//cdn.example/b.png', `${new URL(server.url).protocol}//cdn.example/b.png`],
    ]) {
      await addFault(server, {
        method: 'GET',
        path: '/api/v1/users/me',
        status: 200,
        body: { ...wire, profile_image_url: url },
        times: 1,
      });
      expect((await getCurrentUserProfile(u.janua)).profileImageUrl).toBe(expected);
    }
    await addFault(server, {
      method: 'GET',
      path: '/api/v1/users/me',
      status: 200,
      body: { ...wire, profile_image_url: 'http://[bad' },
      times: 1,
    });
    expect(await rejectionOf(getCurrentUserProfile(u.janua))).toMatchObject({ code: 'INVALID_RESPONSE' });
  });

  test('wrong type and oversize files are rejected before upload', async () => {
    const u = await newUser();
    const before = server.requests('POST', '/api/v1/users/me/avatar').length;
    expect(await rejectionOf(uploadAvatar(u.janua, { file: new Blob(['x'], { type: 'text/plain' }) }))).toBeInstanceOf(
      ValidationError,
    );
    expect(
      await rejectionOf(uploadAvatar(u.janua, { file: new Uint8Array(5 * 1024 * 1024 + 1), contentType: 'image/png' })),
    ).toBeInstanceOf(ValidationError);
    expect(server.requests('POST', '/api/v1/users/me/avatar').length).toBe(before);
  });
});
