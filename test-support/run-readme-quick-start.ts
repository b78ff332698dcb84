import { readFileSync } from 'node:fs';
import { transform } from 'esbuild';

/**
 * Runs a package README's quick start as written and returns what it logged. Its imports are
 * bound to the modules given (the sources under test, not dist), its TypeScript is stripped by
 * esbuild, and `console.log` is captured so a test can compare it with what the README promises.
 * The block must stay under 15 lines: a quick start that grows past that is no longer quick.
 */
export async function runReadmeQuickStart(
  readme: URL,
  modules: Record<string, Record<string, unknown>>,
): Promise<unknown[][]> {
  const text = readFileSync(readme, 'utf8');
  const block = /## Quick start[\s\S]*?```ts\n([\s\S]*?)```/.exec(text)?.[1];
  if (!block) throw new Error(`no quick start block in ${readme.pathname}`);
  const lines = block.trim().split('\n').length;
  if (lines >= 15) throw new Error(`the quick start has ${lines} lines; keep it under 15`);
  const bindings: Record<string, unknown> = {};
  const body = block.replace(/^import \{([^}]+)\} from '([^']+)';.*$/gm, (_, names: string, from: string) => {
    const mod = modules[from];
    if (!mod) throw new Error(`unexpected import ${from}`);
    for (const name of names.split(',').map((n) => n.trim())) bindings[name] = mod[name];
    return '';
  });
  const { code } = await transform(body, { loader: 'ts' });
  const logged: unknown[][] = [];
  const run = new Function('console', ...Object.keys(bindings), `return (async () => {\n${code}\n})();`) as (
    ...args: unknown[]
  ) => Promise<void>;
  await run({ log: (...args: unknown[]) => logged.push(args) }, ...Object.values(bindings));
  return logged;
}
