import { readFileSync } from 'node:fs';
import * as auth from '@janua/auth';
import * as core from '@janua/core';
import * as devServer from '@janua/dev-server';
import { transform } from 'esbuild';
import { expect, test } from 'vitest';
import * as orgs from '../src/index';

/**
 * Runs the README's quick start as written: its imports are bound to the modules under test
 * (sources, not dist), the TypeScript is stripped by esbuild, and what it logs is compared with
 * the comment the README promises.
 */
test('the README quick start runs against the dev server', async () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const block = /## Quick start[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('no quick start block');
  expect(block.trim().split('\n').length).toBeLessThan(15);
  const modules: Record<string, Record<string, unknown>> = {
    '@janua/auth': auth,
    '@janua/core': core,
    '@janua/dev-server': devServer,
    '@janua/orgs': orgs,
  };
  const bindings: Record<string, unknown> = {};
  const body = block.replace(/^import \{([^}]+)\} from '([^']+)';.*$/gm, (_, names: string, from: string) => {
    const mod = modules[from];
    if (!mod) throw new Error(`unexpected import ${from}`);
    for (const name of names.split(',').map((n) => n.trim())) bindings[name] = mod[name];
    return '';
  });
  const { code } = await transform(body, { loader: 'ts' });
  const logged: unknown[][] = [];
  const run = new Function('console', ...Object.keys(bindings), `return (async () => {\n${code}\n})();`) as (
    ...args: unknown[]
  ) => Promise<void>;
  await run({ log: (...args: unknown[]) => logged.push(args) }, ...Object.values(bindings));
  expect(logged).toEqual([['acme', ['owner'], 'pending']]);
});
