// Bundle-size budgets. Each public function is bundled alone with esbuild (minified, for the
// browser and for edge runtimes), gzipped, and checked against its budget. We measure bundles
// rather than dist files because what users pay is what a bundler keeps after tree-shaking; the
// bundle is also searched for code that must never reach it (Node built-ins, undici).
//
// Entries live next to each package in packages/<pkg>/size.json:
//   [{ "label": "signIn (+ core)", "import": "@janua/auth", "names": ["signIn"], "targets": ["browser", "edge"], "budget": 4096 }]
// or, across entries, "imports": [{ "from": "@janua/auth", "names": ["signIn"] }, { "from": "@janua/auth/verify", ... }]
// `budget` is min+gzip bytes and fails the test command; an optional `goal` is the size an issue
// asked for, printed as met or not met (a budget tracks what we have, a goal what we want). Non-core entries are bundled together with createJanua, unless
// `"standalone": true` says the import must work without core (e.g. @janua/webhooks/verify).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { writeReadmeSection } from './write-readme-section.mjs';

const TARGETS = {
  browser: { platform: 'browser', conditions: ['browser'] },
  edge: { platform: 'neutral', conditions: ['workerd', 'worker'], mainFields: ['module', 'main'] },
  node: { platform: 'node', conditions: ['node'], external: ['undici'] },
};
const FORBIDDEN = [/\bfrom\s*["']node:/, /require\(["']node:/, /import\(["']node:/, /undici/];
const root = new URL('../', import.meta.url);

const entries = readdirSync(new URL('packages/', root))
  .filter((pkg) => existsSync(new URL(`packages/${pkg}/size.json`, root)))
  .flatMap((pkg) =>
    JSON.parse(readFileSync(new URL(`packages/${pkg}/size.json`, root), 'utf8')).map((e) => ({ ...e, pkg })),
  );

// An entry names one module (`import` + `names`) or several (`imports: [{ from, names }]`), for
// bundles that combine subpath entries such as `@janua/auth` + `@janua/auth/verify`.
async function measure(entry, target) {
  const imports = entry.imports ?? [{ from: entry.import, names: entry.names }];
  const names = imports.flatMap((i) => i.names);
  const withCore =
    !entry.standalone && !imports.some((i) => i.from === '@janua/core') && !names.includes('createJanua');
  const all = withCore ? [...names, 'createJanua'] : names;
  const lines = imports.map((i) => `import { ${i.names.join(', ')} } from '${i.from}';`);
  if (withCore) lines.unshift("import { createJanua } from '@janua/core';");
  const contents = `${lines.join('\n')}\nglobalThis.__keep = [${all.join(', ')}];`;
  const result = await build({
    // Resolve as an app would: through the packages' exports maps and dist. From the package's own
    // folder, so it resolves itself (self-reference) and @janua/core (its dev dependency).
    stdin: { contents, resolveDir: new URL(`packages/${entry.pkg}/`, root).pathname, loader: 'js' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    logLevel: 'silent',
    metafile: true,
    ...TARGETS[target],
    ...(BREAKDOWN && { plugins: [fromSources(target)] }),
  });
  const code = result.outputFiles[0].text;
  const inputs = Object.values(result.metafile.outputs)[0].inputs;
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length, code, inputs };
}

// `pnpm size --breakdown`: where each bundle's minified bytes come from, per source module. The
// dist files are one bundle per entry, so this mode bundles the packages' sources instead (the
// totals match the dist-based ones within a few bytes).
const BREAKDOWN = process.argv.includes('--breakdown');
const CORE_ENTRY = { browser: 'browser', edge: 'web', node: 'node' };
const fromSources = (target) => ({
  name: 'janua-sources',
  setup(b) {
    b.onResolve({ filter: /^@janua\// }, ({ path }) => {
      const [, pkg, sub] = /^@janua\/([^/]+)(?:\/(.+))?$/.exec(path);
      const file = pkg === 'core' ? `core/src/entry/${CORE_ENTRY[target]}.ts` : `${pkg}/src/${sub ?? 'index'}.ts`;
      return { path: fileURLToPath(new URL(`packages/${file}`, root)) };
    });
  },
});
function printBreakdown(label, target, min, inputs) {
  console.log(`\n${label} (${target}): ${min} B minified`);
  for (const [file, { bytesInOutput }] of Object.entries(inputs).sort(
    (a, b) => b[1].bytesInOutput - a[1].bytesInOutput,
  )) {
    if (bytesInOutput > 0) console.log(`${String(bytesInOutput).padStart(7)} B  ${file.replace(/^.*?packages\//, '')}`);
  }
}

const rows = [];
let failed = false;
for (const e of entries) {
  for (const target of e.targets ?? ['browser']) {
    const { min, gzip, code, inputs } = await measure(e, target);
    if (BREAKDOWN) printBreakdown(e.label, target, min, inputs);
    const leaks = target === 'node' ? [] : FORBIDDEN.filter((re) => re.test(code)).map(String);
    const ok = gzip <= e.budget && leaks.length === 0;
    if (!ok) failed = true;
    rows.push({ label: e.label, target, min, gzip, budget: e.budget, goal: e.goal, ok, leaks });
  }
}

const table = [
  '| bundle | target | min | min+gzip | budget | goal |',
  '|---|---|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${r.label} | ${r.target} | ${r.min} B | ${r.gzip} B | ${r.budget} B${r.ok ? '' : ' ❌'} | ${r.goal ? `${r.goal} B ${r.gzip <= r.goal ? 'met' : 'not met'}` : ''} |`,
  ),
].join('\n');
console.log(table);
for (const r of rows) {
  if (r.leaks.length) console.log(`${r.label} (${r.target}) contains forbidden code: ${r.leaks.join(', ')}`);
}
if (process.argv.includes('--write')) writeReadmeSection('size', table);
if (failed) {
  console.error('size: a bundle is over budget or leaks forbidden code');
  process.exit(1);
}
