import { WebAuthnAbortService, WebAuthnError } from '@simplewebauthn/browser';
import { PasskeyError, type PasskeyErrorCode } from '../passkey-error';

const MESSAGES: Record<PasskeyErrorCode, string> = {
  cancelled: 'The passkey ceremony was cancelled',
  not_allowed: 'The passkey prompt was dismissed or not allowed',
  timeout: 'The passkey prompt timed out',
  unsupported: 'Passkeys are not supported here',
  invalid_state: 'This authenticator already holds a passkey for this account',
  security: 'This page’s origin does not match the passkey relying party',
  unknown: 'The passkey ceremony failed',
};

/** @internal A {@link PasskeyError} with the standard message for its code. */
export function passkeyError(code: PasskeyErrorCode, cause?: unknown): PasskeyError {
  return new PasskeyError({ code, message: MESSAGES[code], cause });
}

// @simplewebauthn/browser narrows some DOMExceptions into its own codes; the rest pass through.
const LIBRARY_CODES: Partial<Record<string, PasskeyErrorCode>> = {
  ERROR_CEREMONY_ABORTED: 'cancelled',
  ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED: 'invalid_state',
  ERROR_INVALID_DOMAIN: 'security',
  ERROR_INVALID_RP_ID: 'security',
  ERROR_MALFORMED_PUBKEYCREDPARAMS: 'unsupported',
  ERROR_AUTHENTICATOR_NO_SUPPORTED_PUBKEYCREDPARAMS_ALG: 'unsupported',
  ERROR_AUTHENTICATOR_MISSING_DISCOVERABLE_CREDENTIAL_SUPPORT: 'unsupported',
  ERROR_AUTHENTICATOR_MISSING_USER_VERIFICATION_SUPPORT: 'unsupported',
};
const DOM_NAMES: Partial<Record<string, PasskeyErrorCode>> = {
  AbortError: 'cancelled',
  NotAllowedError: 'not_allowed',
  InvalidStateError: 'invalid_state',
  NotSupportedError: 'unsupported',
  SecurityError: 'security',
};

function classify(err: unknown, elapsedMs: number, timeoutMs: number | undefined): PasskeyErrorCode {
  const cause = err instanceof WebAuthnError ? err.cause : err;
  const name = (cause as { name?: unknown } | null)?.name;
  let code =
    (err instanceof WebAuthnError ? LIBRARY_CODES[err.code] : undefined) ??
    (typeof name === 'string' ? DOM_NAMES[name] : undefined) ??
    'unknown';
  // Browsers report a timeout as the same NotAllowedError as a dismissal; only the clock tells.
  if (code === 'not_allowed' && timeoutMs !== undefined && elapsedMs >= timeoutMs) code = 'timeout';
  return code;
}

/**
 * @internal Runs the `navigator.credentials` step: `signal` cancels it, and every failure comes out
 * as a {@link PasskeyError}.
 */
export async function ceremony<T>(
  run: () => Promise<T>,
  ctx: { signal?: AbortSignal | undefined; timeoutMs?: number | undefined },
): Promise<T> {
  if (ctx.signal?.aborted) throw passkeyError('cancelled', ctx.signal.reason);
  // The library keeps one controller for the ceremony in flight, which is ours while we wait.
  const onAbort = () => WebAuthnAbortService.cancelCeremony();
  ctx.signal?.addEventListener('abort', onAbort, { once: true });
  const started = Date.now();
  try {
    return await run();
  } catch (err) {
    throw passkeyError(classify(err, Date.now() - started, ctx.timeoutMs), err);
  } finally {
    ctx.signal?.removeEventListener('abort', onAbort);
  }
}
