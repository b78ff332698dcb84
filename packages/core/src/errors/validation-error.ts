import { JanuaError, type JanuaErrorInit } from './janua-error';

/** One field-level problem reported by the server (`details.validation_errors`). */
export interface FieldError {
  /** Dotted location, first segment `body` | `query` | `path` | `header`, e.g. `body.email`. */
  field: string;
  message: string;
  type: string;
}

/**
 * Thrown for 400 (business rules such as `Email already registered` or the password policy),
 * 422 (schema validation, with `fieldErrors`) and for input the SDK rejects before sending.
 *
 * @example
 * ```ts
 * catch (err) { if (err instanceof ValidationError) for (const f of err.fieldErrors) show(f.field, f.message); }
 * ```
 */
export class ValidationError extends JanuaError {
  override readonly name: string = 'ValidationError';
  /** Flat list of field errors; empty when the server gave only a message. */
  declare readonly fieldErrors: FieldError[];
  constructor(init: JanuaErrorInit & { fieldErrors?: FieldError[] }) {
    super(init);
    this.fieldErrors = init.fieldErrors ?? [];
  }
}
