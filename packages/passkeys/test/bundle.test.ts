// The split that the two entries exist for: the server half must never carry the browser
// library, and the browser entry must never carry Node code. Bundled from the sources with
// esbuild the way an app's bundler would, and judged by the bundle's input files.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, test } from 'vitest';

const src = (path: string) => fileURLToPath(new URL(`../src/${path}`, import.meta.url));
const core = (entry: string) => fileURLToPath(new URL(`../../core/src/entry/${entry}.ts`, import.meta.url));

async function inputsOf(entry: string, platform: 'browser' | 'neutral', coreEntry: string) {
  const result = await build({
    entryPoints: [src(entry)],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform,
    conditions: platform === 'browser' ? ['browser'] : ['workerd', 'worker'],
    mainFields: ['module', 'main'],
    alias: { '@janua/core': core(coreEntry) },
    logLevel: 'silent',
  });
  return { inputs: Object.keys(result.metafile.inputs), code: result.outputFiles[0]?.text ?? '' };
}

describe('entry isolation', () => {
  test.each([
    ['browser', 'browser'],
    ['neutral', 'web'],
  ] as const)('the server half (%s) pulls no @simplewebauthn/browser', async (platform, coreEntry) => {
    const { inputs } = await inputsOf('index.ts', platform, coreEntry);
    expect(inputs.filter((i) => i.includes('@simplewebauthn'))).toEqual([]);
    expect(inputs.some((i) => i.includes('passkeys/src/complete-authentication.ts'))).toBe(true);
  });

  test('the browser entry pulls no Node built-ins and no undici', async () => {
    const { inputs, code } = await inputsOf('browser.ts', 'browser', 'browser');
    expect(inputs.some((i) => i.includes('@simplewebauthn/browser'))).toBe(true);
    expect(inputs.filter((i) => i.includes('undici') || i.startsWith('node:'))).toEqual([]);
    expect(code).not.toMatch(/\bfrom\s*["']node:|require\(["']node:|import\(["']node:/);
  });
});
