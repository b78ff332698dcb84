import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { web: 'src/entry/web.ts', browser: 'src/entry/browser.ts', node: 'src/entry/node.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  treeshake: true,
  splitting: false,
  target: 'es2022',
});
