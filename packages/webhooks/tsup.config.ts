import { defineConfig } from 'tsup';

export default defineConfig({
  // `verify` is its own entry so a receiver bundles only the verifier, never @janua/core.
  entry: { index: 'src/index.ts', verify: 'src/verify.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  treeshake: true,
  target: 'es2022',
});
