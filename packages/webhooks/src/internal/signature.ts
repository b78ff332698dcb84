import type { WebhookVerificationErrorCode } from '../webhook-verification-error';

/** A raw request body: the exact bytes received, or their text. */
export type WebhookPayload = string | ArrayBuffer | ArrayBufferView;

/** @internal What both verifiers check. */
export interface SignatureCheck {
  payload: WebhookPayload;
  signature: string | null | undefined;
  secret: string | readonly string[];
  timestamp?: string | number | null | undefined;
  toleranceSeconds?: number | undefined;
  now?: Date | number | undefined;
}

const HEX64 = /^[0-9a-f]{64}$/;
const INTEGER = /^-?\d{1,16}$/;

// Imported HMAC keys by secret, so a receiver does not pay importKey on every delivery. Created on
// first use (nothing runs at import) and bounded, because a secret is a string we do not control.
let keys: Map<string, Promise<CryptoKey>> | undefined;

function hmacKey(secret: string): Promise<CryptoKey> {
  keys ??= new Map();
  let key = keys.get(secret);
  if (!key) {
    if (keys.size >= 16) keys.clear();
    key = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
    ]);
    keys.set(secret, key);
  }
  return key;
}

/**
 * @internal Contract §5.2. Resolves to the failure code, or undefined when the signature is valid.
 * Never rejects: anything unexpected is a failed verification.
 */
export async function checkSignature(p: SignatureCheck): Promise<WebhookVerificationErrorCode | undefined> {
  try {
    const { payload, signature, timestamp } = p;
    const secrets = (typeof p.secret === 'string' ? [p.secret] : Array.isArray(p.secret) ? p.secret : []).filter(
      (s): s is string => typeof s === 'string' && s !== '',
    );
    if (!secrets.length) return 'missing_secret';
    if (typeof signature !== 'string' || !signature.trim()) return 'missing_signature';
    let sig = signature.trim().toLowerCase();
    if (sig.startsWith('sha256=')) sig = sig.slice(7);
    if (!HEX64.test(sig)) return 'invalid_signature';
    if (timestamp !== undefined && timestamp !== null) {
      const ts = String(timestamp).trim();
      const now = p.now ?? Date.now();
      const nowSeconds = (typeof now === 'number' ? now : now.getTime()) / 1000;
      // The timestamp is not part of the MAC (§5.1): this only bounds accidental staleness.
      if (!INTEGER.test(ts) || !(Math.abs(nowSeconds - Number(ts)) <= (p.toleranceSeconds ?? 300))) {
        return 'timestamp_out_of_tolerance';
      }
    }
    const data: BufferSource | undefined =
      typeof payload === 'string'
        ? new TextEncoder().encode(payload)
        : payload instanceof ArrayBuffer || ArrayBuffer.isView(payload)
          ? (payload as BufferSource)
          : undefined;
    if (!data) return 'invalid_payload';
    const expected = new Uint8Array(32);
    for (let i = 0; i < 32; i++) expected[i] = Number.parseInt(sig.slice(i * 2, i * 2 + 2), 16);
    let valid = false;
    for (const secret of secrets) {
      const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(secret), data));
      // Constant time: every byte is compared whatever the first difference.
      let diff = 0;
      for (let i = 0; i < 32; i++) diff |= (mac[i] as number) ^ (expected[i] as number);
      valid ||= diff === 0;
    }
    return valid ? undefined : 'invalid_signature';
  } catch {
    return 'invalid_signature';
  }
}
