import { describeError } from '../../lib/api-client';
import { cn } from '../../lib/cn';
import { Button } from './button';
import { IconAlert, IconRefresh } from './icons';

interface ErrorStateProps {
  /** What failed, in the user's words, e.g. "Couldn't load users". */
  title: string;
  error: unknown;
  onRetry?: () => void;
  isRetrying?: boolean;
  className?: string;
}

/** A failed load: what failed, the server's problem detail, and a way to try again. */
export function ErrorState({ title, error, onRetry, isRetrying = false, className }: ErrorStateProps) {
  const { detail, requestId } = describeError(error);
  return (
    <div
      role="alert"
      className={cn(
        'flex flex-col items-start gap-3 rounded-lg bg-red-950/20 p-4 ring-1 ring-inset ring-red-900/60 sm:flex-row',
        className,
      )}
    >
      <IconAlert className="mt-0.5 size-5 shrink-0 text-red-300" />
      <div className="min-w-0 flex-1 space-y-1">
        <p className="font-medium text-red-100">{title}</p>
        <p className="text-[13px] text-red-200/90">{detail}</p>
        {requestId && <p className="font-mono text-xs text-zinc-400">Request ID {requestId}</p>}
      </div>
      {onRetry && (
        <Button size="sm" onClick={onRetry} isLoading={isRetrying}>
          {!isRetrying && <IconRefresh className="size-3.5" />}
          Retry
        </Button>
      )}
    </div>
  );
}
