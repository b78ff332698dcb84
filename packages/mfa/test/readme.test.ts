import * as auth from '@janua/auth';
import * as core from '@janua/core';
import * as devServer from '@janua/dev-server';
import * as otpauth from 'otpauth';
import { expect, test } from 'vitest';
import { runReadmeQuickStart } from '../../../test-support/run-readme-quick-start';
import * as mfa from '../src/index';

test('the README quick start runs against the dev server', async () => {
  const logged = await runReadmeQuickStart(new URL('../README.md', import.meta.url), {
    '@janua/auth': auth,
    '@janua/core': core,
    '@janua/dev-server': devServer,
    '@janua/mfa': mfa,
    otpauth,
  });
  expect(logged).toEqual([['signedIn']]);
});
