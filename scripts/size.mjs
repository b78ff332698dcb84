// Bundle-size budgets. Each public function is bundled alone with esbuild (minified, for the
// browser and for edge runtimes), gzipped, and checked against its budget. We measure bundles
// rather than dist files because what users pay is what a bundler keeps after tree-shaking; the
// bundle is also searched for code that must never reach it (Node built-ins, undici).

import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const TARGETS = {
  browser: { platform: 'browser', conditions: ['browser'] },
  edge: { platform: 'neutral', conditions: ['workerd', 'worker'], mainFields: ['module', 'main'] },
};

/** [label, module, named imports, target, budget in bytes (min+gzip)] */
const ENTRIES = [
  ['createJanua + request', '@janua/core', ['createJanua', 'request'], 'browser', 5632],
  ['createJanua + request', '@janua/core', ['createJanua', 'request'], 'edge', 5632],
  ['signIn (+ core)', '@janua/auth', ['signIn'], 'browser', 6144],
  ['signIn (+ core)', '@janua/auth', ['signIn'], 'edge', 6144],
  ['getCurrentUser (+ core)', '@janua/auth', ['getCurrentUser'], 'browser', 6144],
  ['updateCurrentUser (+ core)', '@janua/users', ['updateCurrentUser'], 'browser', 6144],
];

const FORBIDDEN = [/\bfrom\s*["']node:/, /require\(["']node:/, /undici/];

async function measure(mod, names, target) {
  const extra = mod === '@janua/core' ? [] : ["import { createJanua } from '@janua/core';"];
  const contents = `${extra.join('\n')}import { ${names.join(', ')} } from '${mod}';\nglobalThis.__keep = [${[...names, ...(extra.length ? ['createJanua'] : [])].join(', ')}];`;
  const result = await build({
    stdin: { contents, resolveDir: new URL('../examples/node-quickstart/', import.meta.url).pathname, loader: 'js' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    logLevel: 'silent',
    ...TARGETS[target],
  });
  const code = result.outputFiles[0].text;
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length, code };
}

const rows = [];
let failed = false;
for (const [label, mod, names, target, budget] of ENTRIES) {
  const { min, gzip, code } = await measure(mod, names, target);
  const leaks = FORBIDDEN.filter((re) => re.test(code)).map(String);
  const ok = gzip <= budget && leaks.length === 0;
  if (!ok) failed = true;
  rows.push({ label, target, min, gzip, budget, ok, leaks });
}

const table = [
  '| bundle | target | min | min+gzip | budget |',
  '|---|---|---:|---:|---:|',
  ...rows.map((r) => `| ${r.label} | ${r.target} | ${r.min} B | ${r.gzip} B | ${r.budget} B${r.ok ? '' : ' ❌'} |`),
].join('\n');
console.log(table);
for (const r of rows)
  if (r.leaks.length) console.log(`${r.label} (${r.target}) contains forbidden code: ${r.leaks.join(', ')}`);
if (process.argv.includes('--write')) writeFileSync(new URL('../bench/size-table.md', import.meta.url), `${table}\n`);
if (failed) {
  console.error('size: a bundle is over budget or leaks forbidden code');
  process.exit(1);
}
