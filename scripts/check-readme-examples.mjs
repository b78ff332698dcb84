// Type-checks every ```ts (and ```js, with checkJs) block of the READMEs (root, packages/*,
// examples/*) against the built packages, so the examples cannot drift from the API. Each block
// becomes its own module in .readme-check/ (git-ignored) and one `tsc --noEmit` run checks them
// all, resolving `@janua/*` through the exports maps from dist exactly as a user's project would
// (run `pnpm build` first). Packages resolve from the root node_modules: a new package must be a
// `workspace:*` devDependency of the root package.json.
//
// A block that uses names declared earlier in its README (a `janua` instance, `orgId`, ...) gets
// them from a hidden preamble written in the README right before the block, so what is assumed
// stays visible to whoever edits the README:
//
//   <!-- check: declare const janua: import('@janua/core').Janua; -->
//
// `<!-- check: skip (reason) -->` skips a block (counted and printed); prefer another fence
// language (```text, ```sh, ```jsonc) for things that are not TypeScript.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const outDir = join(root, '.readme-check');
const FENCES = new Map([
  ['ts', 'ts'],
  ['typescript', 'ts'],
  ['js', 'js'],
  ['javascript', 'js'],
]);

function readmes() {
  const found = ['README.md'];
  for (const parent of ['packages', 'examples']) {
    for (const dir of readdirSync(join(root, parent)).sort()) {
      const path = `${parent}/${dir}/README.md`;
      if (existsSync(join(root, path))) found.push(path);
    }
  }
  return found;
}

// The name a block's module gets: the package (or example) folder, `root` for the root README.
function slug(path) {
  return path === 'README.md'
    ? 'root'
    : path
        .split('/')
        .slice(0, 2)
        .join('-')
        .replace(/^packages-/, '');
}

function extract(path) {
  const lines = readFileSync(join(root, path), 'utf8').split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, lang] = open;
    let end = i + 1;
    while (end < lines.length && !lines[end].trim().startsWith(fence)) end++;
    if (end === lines.length) throw new Error(`${path}:${i + 1}: unclosed code fence`);
    const ext = FENCES.get(lang.toLowerCase());
    if (ext) {
      // A fence inside a list item is indented; its content carries the same indent.
      const body = lines.slice(i + 1, end).map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l.trimStart()));
      blocks.push({ path, line: i + 1, ext, body, ...directive(lines, i, path) });
    }
    i = end;
  }
  return blocks;
}

// The `<!-- check: ... -->` comment ending on the last non-blank line before the fence, if any.
function directive(lines, fenceIndex, path) {
  let j = fenceIndex - 1;
  while (j >= 0 && lines[j].trim() === '') j--;
  if (j < 0 || !lines[j].trim().endsWith('-->')) return { preamble: [] };
  let start = j;
  while (start >= 0 && !lines[start].includes('<!--')) start--;
  const text = lines
    .slice(start, j + 1)
    .join('\n')
    .replace(/^\s*<!--/, '')
    .replace(/-->\s*$/, '');
  const m = /^\s*check:\s*([\s\S]*)$/.exec(text);
  if (!m) return { preamble: [] };
  const content = m[1].trim();
  const skip = /^skip\b\s*\(?([\s\S]*?)\)?$/.exec(content);
  if (skip) {
    if (!skip[1].trim()) throw new Error(`${path}:${start + 1}: "check: skip" needs a reason in parentheses`);
    return { preamble: [], skip: skip[1].trim() };
  }
  return { preamble: content.split('\n').map((l) => l.trim()), preambleLine: start + 1 };
}

const blocks = readmes().flatMap(extract);
const checked = blocks.filter((b) => b.skip === undefined);
const skipped = blocks.filter((b) => b.skip !== undefined);

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const byFile = new Map();
const counters = new Map();
for (const block of checked) {
  const name = slug(block.path);
  const n = (counters.get(name) ?? 0) + 1;
  counters.set(name, n);
  block.file = `${name}-${n}.${block.ext}`;
  writeFileSync(join(outDir, block.file), [...block.preamble, ...block.body, ''].join('\n'));
  byFile.set(block.file, block);
}
// Resolution as in a user's ESM project on Node: exports maps with the `types`/`import`/`node`
// conditions, dist declarations, top-level await. DOM stays in `lib` for the browser examples.
writeFileSync(join(outDir, 'package.json'), `${JSON.stringify({ type: 'module', private: true }, null, 2)}\n`);
writeFileSync(
  join(outDir, 'tsconfig.json'),
  `${JSON.stringify(
    {
      extends: '../tsconfig.base.json',
      compilerOptions: {
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        moduleDetection: 'force',
        allowJs: true,
        checkJs: true,
        lib: ['ES2022', 'DOM', 'DOM.Iterable'],
        types: ['node'],
        noEmit: true,
        skipLibCheck: false,
      },
      include: ['*.ts', '*.js'],
    },
    null,
    2,
  )}\n`,
);

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const run =
  checked.length === 0
    ? { status: 0, stdout: '' }
    : spawnSync(process.execPath, [tsc, '--noEmit', '--pretty', 'false', '-p', join(outDir, 'tsconfig.json')], {
        cwd: root,
        encoding: 'utf8',
      });
if (run.error) throw run.error;

// tsc prints `file(line,col): error TSxxxx: message` followed by indented continuation lines.
const errors = [];
const other = [];
let last;
for (const line of `${run.stdout ?? ''}${run.stderr ?? ''}`.split('\n')) {
  const m = /^(.*?)\((\d+),(\d+)\): (error|warning) (TS\d+): (.*)$/.exec(line);
  const block = m && byFile.get(relative(outDir, join(root, m[1])));
  if (m && block) {
    const tsLine = Number(m[2]);
    const inPreamble = tsLine <= block.preamble.length;
    const readmeLine = inPreamble ? block.preambleLine : block.line + tsLine - block.preamble.length;
    last = {
      where: `${block.path}:${readmeLine}:${m[3]}`,
      detail: `${m[5]}: ${m[6]}`,
      block: `${block.path}:${block.line}${inPreamble ? ' (in its check: preamble)' : ''} -> .readme-check/${block.file}`,
    };
    errors.push(last);
  } else if (/^\s/.test(line) && line.trim() && last) {
    last.detail += `\n    ${line.trim()}`;
  } else if (line.trim()) {
    // Not a README block (a config problem, a broken dist declaration): shown as tsc said it.
    last = undefined;
    other.push(line);
  }
}

for (const e of errors) console.error(`${e.where}  ${e.detail}\n    block ${e.block}`);
if (errors.some((e) => /^TS2307: Cannot find module '@janua\//.test(e.detail))) {
  console.error('(a missing @janua/* module: run `pnpm build`, and list the package in the root devDependencies)');
}
for (const line of other) console.error(line);
for (const b of skipped) console.log(`skipped ${b.path}:${b.line}: ${b.skip}`);
console.log(`README examples: ${checked.length} blocks type-checked, ${skipped.length} skipped`);
if (errors.length > 0 || other.length > 0 || run.status !== 0) {
  console.error(
    `README examples: ${errors.length} type error(s)${run.status !== 0 ? ` (tsc exit ${run.status})` : ''}`,
  );
  process.exit(1);
}
