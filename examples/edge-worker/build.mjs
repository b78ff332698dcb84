// Bundles src/worker.ts the way wrangler would for workerd: platform neutral, edge conditions
// first, so @janua/core resolves to its fetch build and nothing from Node is pulled in.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
export const WORKER_BUNDLE = here('./dist/worker.js');

export async function buildWorker() {
  const result = await build({
    entryPoints: [here('./src/worker.ts')],
    outfile: WORKER_BUNDLE,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    target: 'es2022',
    minify: true,
    metafile: true,
    logLevel: 'warning',
  });
  const bytes = Object.values(result.metafile.outputs)[0]?.bytes ?? 0;
  return { path: WORKER_BUNDLE, bytes };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { path, bytes } = await buildWorker();
  console.log(`Built ${path} (${bytes} B minified)`);
}
