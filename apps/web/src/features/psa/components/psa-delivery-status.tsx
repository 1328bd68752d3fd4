import { Button } from '../../../components/ui/button';
import { describeError } from '../../../lib/api-client';
import { usePsaDelivery } from '../api/get-psa-delivery';
import { usePsaTicketLink } from '../api/get-psa-ticket-link';
import { useRetryPsaDelivery } from '../api/retry-psa-delivery';
import type { PsaDelivery } from '../types';

/**
 * Where the closed session's note stands in the PSA: Posted ✓ (and whether the status move
 * held), Retrying (n) with the last reason, or Failed with the PSA's reason and Retry.
 */
export function PsaDeliveryStatus({ sessionId, enabled }: { sessionId: string; enabled: boolean }) {
  // Only a session started from a PSA ticket has a delivery; ask for it only then.
  const link = usePsaTicketLink(sessionId, enabled);
  const delivery = usePsaDelivery(sessionId, enabled && Boolean(link.data));
  const retry = useRetryPsaDelivery(sessionId);
  if (!delivery.data) return null;
  return (
    <DeliveryLine
      delivery={delivery.data}
      onRetry={() => retry.mutate()}
      retrying={retry.isPending}
      retryError={retry.error ? describeError(retry.error).detail : undefined}
    />
  );
}

/** The line itself, from a delivery as the API reports it. */
export function DeliveryLine({
  delivery: data,
  onRetry,
  retrying,
  retryError,
}: {
  delivery: PsaDelivery;
  onRetry: () => void;
  retrying: boolean;
  retryError?: string | undefined;
}) {
  const transition = data.status_transition;
  return (
    <div role="status" aria-label="PSA delivery" className="w-full text-xs">
      {data.status === 'delivered' && (
        <p className="text-emerald-300">
          Posted ✓ to ticket {data.ticket.ticket_number}
          {transition.verified === true && ' · status moved'}
          {transition.verified === false && (
            <span className="text-amber-300"> · status not changed: {transition.skipped_reason}</span>
          )}
        </p>
      )}
      {data.status === 'pending' && (
        <p className="text-amber-300">
          {data.attempts > 1 || data.last_error ? `Retrying (${data.attempts})` : 'Posting to the PSA…'}
          {data.last_error && <span className="text-zinc-400"> · {data.last_error}</span>}
        </p>
      )}
      {data.status === 'failed' && (
        <p className="flex flex-wrap items-center gap-2 text-red-300">
          <span>Failed: {data.last_error}</span>
          <Button size="sm" onClick={onRetry} isLoading={retrying}>
            Retry
          </Button>
          {retryError && <span>{retryError}</span>}
        </p>
      )}
    </div>
  );
}
