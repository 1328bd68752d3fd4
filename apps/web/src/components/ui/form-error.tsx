import { describeError, isApiError } from '../../lib/api-client';
import { Alert } from './alert';

interface FormErrorProps {
  error: unknown;
  /** Fields the form shows errors next to; anything else the server reports is listed here. */
  fields: readonly string[];
}

/** The form-level summary of a failed submit: the problem's detail plus unclaimed field errors. */
export function FormError({ error, fields }: FormErrorProps) {
  if (!error) return null;
  const { detail } = describeError(error);
  const others = isApiError(error) ? error.otherFieldErrors(fields) : [];
  const hasInlineErrors = isApiError(error) && error.errors.length > others.length;
  return (
    <Alert tone="error">
      <p>{hasInlineErrors && others.length === 0 ? 'Check the highlighted fields.' : detail}</p>
      {isApiError(error) && error.retryAfterSeconds !== undefined && error.status === 429 && (
        <p>Try again in {formatWait(error.retryAfterSeconds)}.</p>
      )}
      {others.length > 0 && (
        <ul className="mt-1 list-disc space-y-0.5 pl-4">
          {others.map((fieldError) => (
            <li key={`${fieldError.field}:${fieldError.message}`}>
              {fieldError.field ? (
                <span className="font-mono">{fieldError.field.replace(/^body\./, '')}</span>
              ) : null}
              {fieldError.field ? ': ' : ''}
              {fieldError.message}
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}

function formatWait(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, seconds)} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
