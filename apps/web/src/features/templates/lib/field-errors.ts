import { isApiError } from '../../../lib/api-client';

/**
 * The server's message for one request field, matched exactly (`name` must not pick up
 * `parameters_schema.0.name`). Fields arrive as `body.<path>`.
 */
export function fieldError(error: unknown, path: string): string | undefined {
  if (!isApiError(error)) return undefined;
  return error.errors.find((item) => item.field.replace(/^body\./, '') === path)?.message;
}

/** Field errors no input of the form claims, for the form-level alert. */
export function unclaimedErrors(error: unknown, claimed: (path: string) => boolean) {
  if (!isApiError(error)) return [];
  return error.errors.filter((item) => !claimed(item.field.replace(/^body\./, '')));
}
