import { JanuaError } from '@janua/core';

/**
 * Why a browser passkey ceremony failed:
 * - `cancelled`: aborted, by your `signal` or because another ceremony started (e.g. a button
 *   click while conditional UI was waiting);
 * - `not_allowed`: the user dismissed the prompt, or the browser refused (no user activation,
 *   no matching passkey on this device);
 * - `timeout`: the prompt stayed open past the options' `timeout`;
 * - `unsupported`: no WebAuthn (or no autofill) in this browser, or no authenticator supports the
 *   requested algorithms or features;
 * - `invalid_state`: this authenticator already holds a passkey for the account;
 * - `security`: the page's origin does not match the relying party (rpId);
 * - `unknown`: anything else; see `cause`.
 */
export type PasskeyErrorCode =
  | 'cancelled'
  | 'not_allowed'
  | 'timeout'
  | 'unsupported'
  | 'invalid_state'
  | 'security'
  | 'unknown';

/**
 * A failure of the browser's part of a passkey ceremony (`navigator.credentials`), never a raw
 * `DOMException`: switch on `code`; the browser's own error is in `cause`. Server answers keep
 * their own classes (`ValidationError`, `NotFoundError`, …). `status` is 0: no response is involved.
 *
 * @example
 * ```ts
 * try {
 *   await signInWithPasskey(janua);
 * } catch (err) {
 *   if (err instanceof PasskeyError && err.code === 'not_allowed') showPasswordForm();
 *   else throw err;
 * }
 * ```
 */
export class PasskeyError extends JanuaError {
  override readonly name: string = 'PasskeyError';
  declare readonly code: PasskeyErrorCode;
  constructor(init: { code: PasskeyErrorCode; message: string; cause?: unknown }) {
    super({ status: 0, code: init.code, message: init.message, cause: init.cause });
  }
}
