import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const PACKAGES = readdirSync(root('./packages'));
const EXAMPLES = readdirSync(root('./examples'));

// Tests run on the sources, no build needed: every @janua/<pkg> resolves to its src/index.ts, and
// @janua/core to its Node entry. Subpath entries (e.g. @janua/webhooks/verify) resolve to
// src/<subpath>.ts.
const aliases = [
  { find: /^@janua\/core$/, replacement: root('./packages/core/src/entry/node.ts') },
  ...PACKAGES.filter((p) => p !== 'core').flatMap((pkg) => [
    { find: new RegExp(`^@janua/${pkg}$`), replacement: root(`./packages/${pkg}/src/index.ts`) },
    { find: new RegExp(`^@janua/${pkg}/(.+)$`), replacement: root(`./packages/${pkg}/src/$1.ts`) },
  ]),
];

// Every package and example with a test/ folder is one vitest project.
const projects = [
  ...PACKAGES.filter((p) => existsSync(root(`./packages/${p}/test`))).map((name) => ({
    extends: true as const,
    test: { name, root: `packages/${name}`, include: ['test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
  })),
  ...EXAMPLES.filter((e) => existsSync(root(`./examples/${e}/test`))).map((name) => ({
    extends: true as const,
    test: {
      name: `example-${name}`,
      root: `examples/${name}`,
      include: ['test/**/*.test.ts'],
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  })),
];

export default defineConfig({
  resolve: { alias: aliases },
  test: { projects },
});
