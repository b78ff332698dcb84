// The README's quick start is run as written (only the port is swapped for a free one), so the
// documented code keeps working.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test, vi } from 'vitest';

const file = join(tmpdir(), `janua-webhooks-quickstart-${process.pid}.mjs`);
afterAll(() => rmSync(file, { force: true }));

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

test('the quick start runs and prints the verified user.created event', async () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Quick start'));
  const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
  if (!code) throw new Error('no quick start code block');
  expect(code.split('\n').filter((l) => l.trim() && !l.startsWith('import ')).length).toBeLessThan(15);
  writeFileSync(file, code.replaceAll('4242', String(await freePort())));
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    await import(/* @vite-ignore */ file);
    await vi.waitFor(() => expect(log).toHaveBeenCalled(), { timeout: 10_000 });
    const [type, data] = log.mock.calls[0] ?? [];
    expect(type).toBe('user.created');
    expect(data).toMatchObject({ email: 'ada@example.com', first_name: null });
  } finally {
    log.mockRestore();
  }
});
