// `node scripts/size-features.mjs`: what each feature of @janua/core costs in the
// `createJanua + request` browser bundle, in min+gzip bytes. Each feature's module is swapped for
// a minimal stand-in and the bundle is measured again; the difference is the feature's price.
// This is how to weigh a size goal against the behaviour the contract requires.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const core = new URL('../packages/core/', import.meta.url).pathname;
const STAND_INS = {
  'token refresh (§3.2, single flight)': {
    'tokens/refresh-tokens.ts': 'export const refreshTokens = async () => null;',
  },
  'error normalisation (§2.2, §1.5 rate-limit parsing)': {
    'errors/create-error-from-response.ts':
      "import { JanuaError } from './janua-error'; export const createErrorFromResponse = (r) => new JanuaError({ message: 'x', status: r.status });",
  },
  'option validation and JANUA_* variables': {
    'config.ts':
      "export const resolveConfig = (o, runtime) => ({ apiKey: o.apiKey, baseUrl: o.baseUrl, environment: 'production', timeout: o.timeout ?? 30000, maxRetries: o.maxRetries ?? 3, headers: o.headers ?? {}, runtime });",
  },
  'browser CORS header filter and API-key warning': {
    'entry/create-janua-browser.ts':
      "import { createJanuaInstance } from '../create-janua-instance'; import { createFetchTransport } from '../transport/fetch'; export function createJanua(o = {}) { return createJanuaInstance(o, 'browser', createFetchTransport, () => {}); }",
  },
};

async function measure(standIns) {
  const result = await build({
    stdin: {
      contents:
        "import { createJanua, request } from './src/entry/browser.ts'; globalThis.__keep = [createJanua, request];",
      resolveDir: core,
      loader: 'js',
    },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    logLevel: 'silent',
    platform: 'browser',
    conditions: ['browser'],
    plugins: [
      {
        name: 'stand-ins',
        setup(b) {
          b.onLoad({ filter: /\.ts$/ }, ({ path }) => {
            for (const [file, contents] of Object.entries(standIns)) {
              if (path.endsWith(`/src/${file}`)) return { contents, loader: 'ts' };
            }
            return undefined;
          });
        },
      },
    ],
  });
  return gzipSync(result.outputFiles[0].text, { level: 9 }).length;
}

const full = await measure({});
console.log(`createJanua + request (browser), everything: ${full} B min+gzip`);
for (const [feature, standIns] of Object.entries(STAND_INS)) {
  console.log(`${String(full - (await measure(standIns))).padStart(6)} B  ${feature}`);
}
