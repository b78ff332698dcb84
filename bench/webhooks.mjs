// pnpm bench (second part): what verifying a webhook with @janua/webhooks/verify (WebCrypto, async,
// constant-time compare in JS) costs next to node:crypto createHmac + timingSafeEqual called
// directly (sync, native compare). Both check the contract's §5.3 delivery. Printed, never asserted.
// Run `pnpm build` first: this imports the built verify entry, as a receiver would.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { verifyWebhookSignature } from '../packages/webhooks/dist/verify.js';

const QUICK = process.argv.includes('--quick');
const ROUNDS = QUICK ? 3 : 5;
const N = QUICK ? 2_000 : 10_000;

const secret = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
const timestamp = '1767225600';
const now = 1767225600_000;
const payload =
  '{"id":"7b0c2f9e-1d5a-4c3b-9e8f-0a1b2c3d4e5f","type":"user.created","created_at":"2026-01-01T00:00:00","data":{"id":"5f6e7d8c-9b0a-4123-8456-789abcdef012","email":"ada@example.com","first_name":"Ada","last_name":"Lovelace","username":null,"created_at":"2026-01-01T00:00:00"},"object":"user","api_version":"v1"}';
const signature = 'cbac5f88500251eac30b02f45fc9d2c59e4d6aba60b43e1f188d9a84753c565d';
const bytes = new TextEncoder().encode(payload);

/** What a receiver writes with node:crypto alone (same checks: hex format, timestamp, MAC). */
function nodeVerify(body, sig, key) {
  if (!/^[0-9a-f]{64}$/.test(sig) || Math.abs(now / 1000 - Number(timestamp)) > 300) return false;
  const mac = createHmac('sha256', key).update(body).digest();
  return timingSafeEqual(mac, Buffer.from(sig, 'hex'));
}

/** Verifications per second of one round of N calls (`batch` verifications per call). */
async function round(fn, batch = 1) {
  const t = performance.now();
  for (let i = 0; i < N; i += batch) await fn();
  return N / ((performance.now() - t) / 1000);
}

const check = (ok) => {
  if (!ok) throw new Error('benchmark input does not verify');
};
check(nodeVerify(payload, signature, secret));
check(await verifyWebhookSignature({ payload, signature, secret, timestamp, now }));

// A server verifies many deliveries at once; WebCrypto work then overlaps.
const BATCH = 64;
const contenders = {
  node: [() => check(nodeVerify(payload, signature, secret)), 1],
  sdk: [async () => check(await verifyWebhookSignature({ payload, signature, secret, timestamp, now })), 1],
  sdkBytes: [async () => check(await verifyWebhookSignature({ payload: bytes, signature, secret, timestamp, now })), 1],
  sdkConcurrent: [
    async () => {
      const all = Array.from({ length: BATCH }, () =>
        verifyWebhookSignature({ payload, signature, secret, timestamp, now }),
      );
      check((await Promise.all(all)).every(Boolean));
    },
    BATCH,
  ],
};
// Rounds are interleaved and ratios taken per round, so load from other processes on a shared
// machine hits both sides alike.
const rates = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
for (const [fn, batch] of Object.values(contenders)) for (let i = 0; i < 2_000; i += batch) await fn();
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, [fn, batch]] of Object.entries(contenders)) rates[name].push(await round(fn, batch));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ratio = (name) => median(rates[name].map((v, i) => v / rates.node[i]));
const [node, sdk, sdkBytes, sdkConcurrent] = ['node', 'sdk', 'sdkBytes', 'sdkConcurrent'].map((k) => median(rates[k]));

const fmt = (n) => n.toFixed(0).padStart(9);
const row = (label, v) => console.log(`${label.padEnd(58)} ${fmt(v)} verifications/s`);
row('node:crypto createHmac + timingSafeEqual (sync)', node);
row('verifyWebhookSignature, string body, one at a time', sdk);
row('verifyWebhookSignature, Uint8Array body, one at a time', sdkBytes);
row(`verifyWebhookSignature, ${BATCH} in parallel`, sdkConcurrent);
console.log('');
console.log(
  `verifyWebhookSignature vs node:crypto directly: ${ratio('sdk').toFixed(2)}x the throughput (one at a time)`,
);
console.log(`                                               ${ratio('sdkBytes').toFixed(2)}x (Uint8Array body)`);
console.log(
  `                                               ${ratio('sdkConcurrent').toFixed(2)}x (${BATCH} in parallel)`,
);
console.log(`per verification: node ${(1e6 / node).toFixed(1)} µs, SDK ${(1e6 / sdk).toFixed(1)} µs`);
