// No Node built-in may reach an edge bundle. Each package's entries (the root and every subpath of
// its exports map, except dev-server, which is Node-only by design) are bundled the way an edge
// bundler resolves them (platform neutral, conditions workerd/worker) and the script fails naming
// every `node:` import or bare Node built-in that survives, with the module that imported it. We
// intercept imports instead of grepping output because esbuild leaves an unresolvable built-in as
// an error, and an error that says *which file* asked for `fs` is what makes the fix quick.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));
const SKIP = new Set(['dev-server']);
const BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')).map((m) => m.split('/')[0]));
const isBuiltin = (spec) => spec.startsWith('node:') || BUILTINS.has(spec.split('/')[0]);

const targets = [];
for (const dir of readdirSync(`${root}packages`)) {
  const pkgPath = `${root}packages/${dir}/package.json`;
  if (SKIP.has(dir) || !existsSync(pkgPath)) continue;
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
  const subpaths = Object.keys(pkg.exports ?? { '.': null }).filter(
    (s) => s !== './package.json' && !s.endsWith('.json'),
  );
  for (const sub of subpaths) {
    targets.push({
      label: sub === '.' ? pkg.name : `${pkg.name}${sub.slice(1)}`,
      resolveDir: `${root}packages/${dir}`,
    });
  }
}
// The worker example is what an edge user actually ships: check it too.
const worker = `${root}examples/edge-worker/src/worker.ts`;
if (existsSync(worker)) targets.push({ label: 'examples/edge-worker', entry: worker });

async function check(target) {
  const leaks = [];
  const plugin = {
    name: 'node-builtins',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (!isBuiltin(args.path) || args.kind === 'entry-point') return undefined;
        // A package could legitimately be named like a builtin only if it is installed; builtins win in Node.
        leaks.push({ spec: args.path, importer: relative(root, args.importer) || '<entry>' });
        return { path: args.path, external: true };
      });
    },
  };
  const input = target.entry
    ? { entryPoints: [target.entry] }
    : {
        // Self-reference through the exports map, as an app importing the published package would.
        stdin: {
          contents: `import * as m from '${target.label}';\nglobalThis.__keep = m;`,
          resolveDir: target.resolveDir,
          loader: 'js',
        },
      };
  let errors = [];
  let bytes = 0;
  try {
    const result = await build({
      ...input,
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      conditions: ['workerd', 'worker'],
      mainFields: ['module', 'main'],
      target: 'es2022',
      minify: true,
      logLevel: 'silent',
      plugins: [plugin],
    });
    const code = result.outputFiles[0].text;
    bytes = code.length;
    // Belt and braces: anything that still spells a node: import in the output.
    for (const m of code.matchAll(/(?:from\s*|import\s*\(\s*|require\(\s*)["'](node:[^"']+)["']/g)) {
      if (!leaks.some((l) => l.spec === m[1])) leaks.push({ spec: m[1], importer: '<bundle output>' });
    }
  } catch (err) {
    errors = (err.errors ?? [{ text: String(err) }]).map((e) => `${e.location?.file ?? ''} ${e.text}`.trim());
  }
  return { ...target, leaks, errors, bytes };
}

const results = await Promise.all(targets.map(check));
let failed = false;
for (const r of results) {
  const ok = r.leaks.length === 0 && r.errors.length === 0;
  if (!ok) failed = true;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${r.label}${ok ? ` (${r.bytes} B minified, edge)` : ''}`);
  const unique = [...new Set(r.leaks.map((l) => `Node built-in "${l.spec}" imported by ${l.importer}`))];
  for (const line of unique.slice(0, 25)) console.log(`       ${line}`);
  if (unique.length > 25) console.log(`       … and ${unique.length - 25} more`);
  for (const e of r.errors) console.log(`       bundle error: ${e}`);
}
if (failed) {
  console.error('edge: a Node built-in reaches an edge bundle (or an entry does not bundle for the edge)');
  process.exit(1);
}
console.log(`edge: ${results.length} entries bundle for workerd without Node built-ins`);
