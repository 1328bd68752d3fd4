/**
 * One error vocabulary for the whole product. Services throw `AppError(code)`;
 * the HTTP layer maps the code to a status and renders RFC 9457 problem details.
 */
export const errorStatus = {
  validation_failed: 422,
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  model_unavailable: 502,
  /** The connected PSA is down, slow or refused our stored credentials: not the client's fault, and said so. */
  psa_unavailable: 502,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface FieldError {
  /** Dotted path of the offending field, e.g. `intake_content.text`. */
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly errors: FieldError[] | undefined;

  constructor(code: ErrorCode, message: string, options?: { errors?: FieldError[]; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = errorStatus[code];
    this.errors = options?.errors;
  }
}

export const isAppError = (value: unknown): value is AppError => value instanceof AppError;
