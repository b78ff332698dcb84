import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';

// Runs the example exactly as `pnpm demo` does (against the built packages), so a broken demo
// fails CI.
test('the quick start signs up, signs out, signs in, reads and updates the profile', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['index.mjs'], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('JANUA_'))),
  });
  const lines = stdout.trim().split('\n');
  expect(lines[0]).toMatch(/^Started the embedded dev server at http:\/\/127\.0\.0\.1:\d+$/);
  expect(lines[1]).toMatch(/^1\. Signed up ada-\d+@example\.com \(id [0-9a-f-]{36}\)$/);
  expect(lines[2]).toBe('2. Signed out');
  expect(lines[3]).toMatch(/^3\. Signed in again; session [0-9a-f-]{36}, token valid until \d{4}-/);
  expect(lines[4]).toMatch(/^4\. Current user: ada-\d+@example\.com, first name Ada, verified: false$/);
  expect(lines[5]).toBe('5. Updated the profile: Ada Lovelace, metadata {"plan":"pro"}');
});
