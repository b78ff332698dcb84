// pnpm bench: what the SDK costs on top of the raw clients, on loopback, as ratios measured in the
// same run. Timings are printed, never asserted: they vary with the machine, ratios much less.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { getCurrentUser, signIn, signUp } from '@janua/auth';
import { createJanua, request } from '@janua/core';
import { startDevServer } from '@janua/dev-server';
import { Pool } from 'undici';

const QUICK = process.argv.includes('--quick');
const ROUNDS = QUICK ? 3 : 7;
const N = QUICK ? 300 : 2000;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median ops/s over rounds of N sequential calls, after a warm-up. */
async function opsPerSec(fn, n = N) {
  for (let i = 0; i < Math.min(200, n); i++) await fn();
  const rates = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t = performance.now();
    for (let i = 0; i < n; i++) await fn();
    rates.push(n / ((performance.now() - t) / 1000));
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)];
}

/** Throughput with `concurrency` callers in flight. */
async function throughput(fn, total, concurrency = 16) {
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < total) await fn();
    }),
  );
  return total / ((performance.now() - t) / 1000);
}

/** Rounds in which every client makes n sequential calls in turn; calls/s per client per round. */
async function interleaved(fns, roundCount, n) {
  for (const fn of Object.values(fns)) for (let i = 0; i < 200; i++) await fn();
  const rounds = [];
  for (let r = 0; r < roundCount; r++) {
    const round = {};
    for (const [name, fn] of Object.entries(fns)) {
      const t = performance.now();
      for (let i = 0; i < n; i++) await fn();
      round[name] = n / ((performance.now() - t) / 1000);
    }
    rounds.push(round);
  }
  return rounds;
}

const fmt = (n) => n.toFixed(0).padStart(8);
const rows = [];
const report = (label, value, unit, note = '') => rows.push(`${label.padEnd(58)} ${fmt(value)} ${unit} ${note}`);

// 1. Client cost against a minimal node:http server (isolates the client).
const body = JSON.stringify({ id: '00000000-0000-4000-8000-000000000000', email: 'ada@example.com' });
// The server runs in its own process so that its work is not billed to the client under test.
const minimal = spawn(
  process.execPath,
  [
    '-e',
    `const body=${JSON.stringify(body)};require('node:http').createServer((q,s)=>{s.writeHead(200,{'content-type':'application/json','content-length':Buffer.byteLength(body)});s.end(body)}).listen(0,'127.0.0.1',function(){console.log(this.address().port)})`,
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const port = await new Promise((resolve) => minimal.stdout.once('data', (d) => resolve(Number(String(d).trim()))));
const base = `http://127.0.0.1:${port}`;
const pool = new Pool(base, { connections: 64, keepAliveTimeout: 10_000 });
const token = 'eyJhbGciOiJub25lIn0.eyJleHAiOjk5OTk5OTk5OTl9.';
const janua = createJanua({ baseUrl: base, env: {} });
await janua.tokenStore.set({ accessToken: token, refreshToken: 'r', expiresAt: 9_999_999_999_000 });

// The three clients take turns, round by round, and each ratio is the median of the ratios of the
// same round: this machine's speed drifts by tens of percent over seconds, which would swamp a
// client-against-client comparison made minutes apart.
const clients = {
  fetch: async () => {
    const res = await fetch(`${base}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    await res.json();
  },
  undici: async () => {
    const res = await pool.request({
      path: '/api/v1/auth/me',
      method: 'GET',
      headers: { authorization: `Bearer ${token}` },
    });
    JSON.parse(await res.body.text());
  },
  sdk: () => request(janua, { method: 'GET', path: '/auth/me' }),
};
const rounds = await interleaved(clients, QUICK ? 5 : 15, QUICK ? 300 : 1000);
const rawFetch = median(rounds.map((r) => r.fetch));
const rawUndici = median(rounds.map((r) => r.undici));
const sdk = median(rounds.map((r) => r.sdk));
report('minimal server: raw fetch', rawFetch, 'calls/s');
report('minimal server: raw undici.request', rawUndici, 'calls/s');
report('minimal server: SDK request (undici transport)', sdk, 'calls/s');
const costVsUndici = median(rounds.map((r) => r.undici / r.sdk));
const costVsFetch = median(rounds.map((r) => r.fetch / r.sdk));

// 2. The same against the dev server (real auth work on the server side). Its start and reset
// times matter to test suites that start one per file.
const startTimes = [];
for (let i = 0; i < (QUICK ? 2 : 5); i++) {
  const t = performance.now();
  const s = await startDevServer();
  startTimes.push(performance.now() - t);
  await s.close();
}
const server = await startDevServer();
const resetTimes = [];
for (let i = 0; i < (QUICK ? 3 : 10); i++) {
  const t = performance.now();
  await server.reset();
  resetTimes.push(performance.now() - t);
}
const dj = createJanua({ baseUrl: server.url, env: {} });
const email = `bench-${Date.now()}@example.com`;
await signUp(dj, { email, password: 'Correct-Horse-9!' });
const devToken = (await dj.tokenStore.get()).accessToken;
const devFetch = await opsPerSec(async () => {
  const res = await fetch(`${server.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${devToken}` } });
  await res.json();
}, N / 4);
const devSdk = await opsPerSec(() => getCurrentUser(dj), N / 4);
report('dev server: raw fetch GET /auth/me', devFetch, 'calls/s');
report('dev server: SDK getCurrentUser', devSdk, 'calls/s');

// 3. Dev server throughput (16 concurrent clients).
server.dev.requestLog.entries.length = 0;
report(
  'dev server throughput: authenticated reads',
  await throughput(() => getCurrentUser(dj), QUICK ? 500 : 3000),
  'req/s',
);
report(
  'dev server throughput: sign-ins (scrypt N=2^14)',
  await throughput(
    () => signIn(createJanua({ baseUrl: server.url, env: {} }), { email, password: 'Correct-Horse-9!' }),
    QUICK ? 40 : 200,
    4,
  ),
  'req/s',
);
await server.close();

// 4. Cold start in fresh processes: import cost and time to the first response.
// The packages are measured as an app installs them from npm: real folders in a node_modules
// (package.json + dist), not the workspace's pnpm symlinks, whose realpath walks would be billed
// to the SDK. Beside them, two one-line packages with an exports map give Node's own floor: in
// Node 20 the ESM loader alone spends ~12 ms on the first bare-specifier import.
const installDir = join(tmpdir(), `janua-bench-${process.pid}`);
for (const pkg of ['core', 'auth']) {
  const from = fileURLToPath(new URL(`../packages/${pkg}/`, import.meta.url));
  const to = join(installDir, 'node_modules', '@janua', pkg);
  mkdirSync(to, { recursive: true });
  cpSync(join(from, 'package.json'), join(to, 'package.json'));
  cpSync(join(from, 'dist'), join(to, 'dist'), { recursive: true });
}
for (const name of ['floor-a', 'floor-b']) {
  const dir = join(installDir, 'node_modules', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name, type: 'module', exports: { '.': { import: './index.js', require: './index.cjs' } } }),
  );
  writeFileSync(join(dir, 'index.js'), 'export const x = 1;\n');
  writeFileSync(join(dir, 'index.cjs'), 'exports.x = 1;\n');
}
// Async on purpose: the minimal server lives in this process and must keep answering.
const run = promisify(execFile);
const timed = (body) => `const t=performance.now();${body};console.log(performance.now()-t)`;
const cold = {
  floorEsm: { esm: true, code: timed("await import('floor-a');await import('floor-b')") },
  importEsm: { esm: true, code: timed("await import('@janua/core');await import('@janua/auth')") },
  floorCjs: { esm: false, code: timed("require('floor-a');require('floor-b')") },
  importCjs: { esm: false, code: timed("require('@janua/core');require('@janua/auth')") },
  firstFetch: { esm: true, code: timed("await (await fetch(process.env.BASE+'/health')).text()") },
  // Raw fetch after importing a one-line package: it pays Node's package resolution as the SDK does.
  firstFetchAfterImport: {
    esm: true,
    code: timed("await import('floor-a');await (await fetch(process.env.BASE+'/health')).text()"),
  },
  firstSdk: {
    esm: true,
    code: timed(
      "const {createJanua,healthCheck}=await import('@janua/core');await healthCheck(createJanua({baseUrl:process.env.BASE,env:{}})).catch(()=>{})",
    ),
  },
};
// Interleaved, one process per case per round, so that drift hits every case alike.
const coldTimes = Object.fromEntries(Object.keys(cold).map((k) => [k, []]));
for (let i = 0; i < (QUICK ? 3 : 15); i++) {
  for (const [name, { esm, code }] of Object.entries(cold)) {
    const { stdout } = await run(process.execPath, [...(esm ? ['--input-type=module'] : []), '-e', code], {
      cwd: installDir,
      env: { ...process.env, BASE: base },
    });
    coldTimes[name].push(Number(stdout.trim()));
  }
}
rmSync(installDir, { recursive: true, force: true });
const { floorEsm, importEsm, floorCjs, importCjs, firstFetch, firstFetchAfterImport, firstSdk } = Object.fromEntries(
  Object.entries(coldTimes).map(([k, v]) => [k, median(v)]),
);
await pool.close();
minimal.kill();

const summary = [
  `SDK cost per call vs raw undici.request: ${costVsUndici.toFixed(2)}x   (target <= 1.25x)`,
  `SDK cost per call vs raw fetch:          ${costVsFetch.toFixed(2)}x   (target <= 0.40x)`,
  `SDK vs raw fetch against the dev server:  ${(devFetch / devSdk).toFixed(2)}x cost`,
  `dev server start (median): ${median(startTimes).toFixed(0)} ms; reset (median): ${median(resetTimes).toFixed(1)} ms`,
  `cold import @janua/core + @janua/auth, require(): ${importCjs.toFixed(1)} ms   (target <= 9 ms); two one-line packages: ${floorCjs.toFixed(1)} ms`,
  `cold import @janua/core + @janua/auth, import():  ${importEsm.toFixed(1)} ms; two one-line packages: ${floorEsm.toFixed(1)} ms, so the SDK's own share is ${(importEsm - floorEsm).toFixed(1)} ms`,
  `first response, fresh process: SDK ${firstSdk.toFixed(1)} ms, raw fetch ${firstFetch.toFixed(1)} ms (ratio ${(firstSdk / firstFetch).toFixed(2)}x), raw fetch after importing a one-line package ${firstFetchAfterImport.toFixed(1)} ms (ratio ${(firstSdk / firstFetchAfterImport).toFixed(2)}x)`,
];
console.log(rows.join('\n'));
console.log('');
console.log(summary.join('\n'));
if (process.argv.includes('--write')) {
  const { writeReadmeSection } = await import('../scripts/write-readme-section.mjs');
  writeReadmeSection('bench', ['```', ...rows, '', ...summary, '```'].join('\n'));
}

// The webhook-verification benchmark, in a process of its own, with the same flags. (As a second
// command in the package.json script, `pnpm bench --write` handed --write to it alone.)
execFileSync(process.execPath, [fileURLToPath(new URL('./webhooks.mjs', import.meta.url)), ...process.argv.slice(2)], {
  stdio: 'inherit',
});
