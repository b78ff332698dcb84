import { defineConfig } from 'tsup';

// Two entries, so the server half never carries @simplewebauthn/browser and the browser entry
// shares the server half's code through an ESM chunk instead of a copy.
export default defineConfig({
  entry: { index: 'src/index.ts', browser: 'src/browser.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  treeshake: true,
  target: 'es2022',
});
