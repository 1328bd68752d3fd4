import { AppError } from '@flowpilot/core/app-error';

/** Finds the PostgreSQL SQLSTATE on a driver error, which drizzle wraps in `cause`. */
export function pgErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function constraintName(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const name = (current as { constraint?: unknown }).constraint;
    if (typeof name === 'string') return name;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Maps integrity violations to typed AppErrors so a racing or invalid write answers
 * 409/400 instead of 500. `messages` lets a caller phrase a known constraint for users.
 * Anything else is rethrown untouched (and becomes a logged 500).
 */
export function mapDbError(error: unknown, messages: Record<string, string> = {}): never {
  const code = pgErrorCode(error);
  const constraint = constraintName(error);
  const custom = constraint ? messages[constraint] : undefined;
  switch (code) {
    case '23505':
      throw new AppError('conflict', custom ?? 'This conflicts with an existing record.', { cause: error });
    case '23514':
    case '23502':
      throw new AppError('bad_request', custom ?? 'The request breaks a data rule.', { cause: error });
    case '23503':
      throw new AppError('not_found', custom ?? 'A referenced record does not exist.', { cause: error });
    case '22P02':
    case '22001':
    case '22003':
    case '22021': // NUL bytes and other characters PostgreSQL text cannot hold
    case '22P05':
      throw new AppError('bad_request', custom ?? 'A value has the wrong format.', { cause: error });
    default:
      throw error;
  }
}
