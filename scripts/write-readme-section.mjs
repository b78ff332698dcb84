// Replaces the text between `<!-- <name>:start -->` and `<!-- <name>:end -->` in README.md, so
// `pnpm size --write` and `pnpm bench --write` keep the root README's tables true.
import { readFileSync, writeFileSync } from 'node:fs';

export function writeReadmeSection(name, body) {
  const file = new URL('../README.md', import.meta.url);
  const text = readFileSync(file, 'utf8');
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no ${start} … ${end} section`);
  writeFileSync(file, `${text.slice(0, from + start.length)}\n${body.trim()}\n${text.slice(to)}`);
}
