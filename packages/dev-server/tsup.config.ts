import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts', testing: 'src/testing.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'es2022',
  },
  // The CLI uses top-level await, so it is ESM only.
  { entry: { bin: 'src/bin.ts' }, format: ['esm'], sourcemap: true, target: 'es2022' },
]);
