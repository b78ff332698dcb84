import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (pkg: string, file = 'index.ts') =>
  fileURLToPath(new URL(`./packages/${pkg}/src/${file}`, import.meta.url));

// Tests run on the sources (no build needed); @janua/core resolves to its Node entry here.
const nodeAliases = [
  { find: /^@janua\/core$/, replacement: src('core', 'entry/node.ts') },
  { find: /^@janua\/dev-server$/, replacement: src('dev-server') },
  ...['auth', 'users', 'sessions', 'orgs', 'mfa', 'passkeys', 'webhooks', 'enterprise', 'client'].map((pkg) => ({
    find: new RegExp(`^@janua/${pkg}$`),
    replacement: src(pkg),
  })),
];

export default defineConfig({
  resolve: { alias: nodeAliases },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'core', root: 'packages/core', include: ['test/**/*.test.ts'], testTimeout: 30_000 },
      },
      ...['auth', 'users'].map((name) => ({
        extends: true as const,
        test: { name, root: `packages/${name}`, include: ['test/**/*.test.ts'], testTimeout: 30_000 },
      })),
      {
        extends: true,
        test: { name: 'dev-server', root: 'packages/dev-server', include: ['test/**/*.test.ts'], testTimeout: 30_000 },
      },
    ],
  },
});
