import { useId, useState } from 'react';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { EmptyState } from '../../../components/ui/empty-state';
import { ErrorState } from '../../../components/ui/error-state';
import { Markdown } from '../../../components/ui/markdown';
import { Skeleton } from '../../../components/ui/skeleton';
import { describeError } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format-relative-time';
import { useClaimEscalation } from '../api/claim-escalation';
import { useEscalations } from '../api/list-escalations';
import type { ClaimResponse, EscalationItem } from '../types';

export function formatWaiting(seconds: number): string {
  if (seconds < 60) return 'less than a minute';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return hours === 1 ? '1 hour' : `${hours} hours`;
  return `${Math.floor(hours / 24)} days`;
}

interface EscalationQueueProps {
  currentUserId: string;
  onClaimed: (claimed: ClaimResponse['session']) => void;
}

/** The live queue (the page keeps it fresh through the stream): waiting first by age, then claimed. */
export function EscalationQueue({ currentUserId, onClaimed }: EscalationQueueProps) {
  const escalations = useEscalations();
  if (escalations.isPending)
    return (
      <div aria-busy="true" aria-label="Loading escalations" className="space-y-3">
        <Skeleton className="h-24 w-full" />
        <Skeleton className="h-24 w-full" />
      </div>
    );
  if (escalations.isError)
    return (
      <ErrorState
        title="Couldn't load the escalation queue"
        error={escalations.error}
        onRetry={() => void escalations.refetch()}
        isRetrying={escalations.isFetching}
      />
    );
  const items = escalations.data.items;
  if (items.length === 0)
    return (
      <EmptyState title="No escalations waiting">
        When an engineer escalates a session, it appears here at once, with its package.
      </EmptyState>
    );
  return (
    <ul aria-label="Escalation queue" className="space-y-3">
      {items.map((item) => (
        <EscalationCard
          key={item.session_id}
          item={item}
          currentUserId={currentUserId}
          onClaimed={onClaimed}
        />
      ))}
    </ul>
  );
}

function EscalationCard({
  item,
  currentUserId,
  onClaimed,
}: {
  item: EscalationItem;
  currentUserId: string;
  onClaimed: EscalationQueueProps['onClaimed'];
}) {
  const headingId = useId();
  const previewId = useId();
  const [isPreviewOpen, setIsPreviewOpen] = useState(false);
  const claim = useClaimEscalation();
  const isMine = item.escalated_by.id === currentUserId;
  const isClaimed = item.claimed_by !== null;
  return (
    <li
      aria-labelledby={headingId}
      className="rounded-lg border border-zinc-800 bg-zinc-900/40 p-4 focus-within:ring-1 focus-within:ring-zinc-600"
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 flex-1 space-y-1">
          <h2 id={headingId} className="text-[15px] font-medium text-zinc-50">
            {item.title}
          </h2>
          <p className="text-xs text-zinc-400">
            Escalated by {isMine ? 'you' : item.escalated_by.name} ·{' '}
            <time dateTime={item.escalated_at}>{formatDateTime(item.escalated_at)}</time> ·{' '}
            {isClaimed
              ? `waited ${formatWaiting(item.waiting_seconds)}`
              : `waiting ${formatWaiting(item.waiting_seconds)}`}
          </p>
          {isClaimed && (
            <p className="text-xs font-medium text-emerald-300">
              Picked up by {item.claimed_by!.id === currentUserId ? 'you' : item.claimed_by!.name}
            </p>
          )}
        </div>
        <div className="flex shrink-0 items-center gap-2">
          <Button
            variant="ghost"
            size="sm"
            aria-expanded={isPreviewOpen}
            aria-controls={previewId}
            onClick={() => setIsPreviewOpen((open) => !open)}
          >
            {isPreviewOpen ? 'Hide package' : 'Preview package'}
          </Button>
          {!isClaimed && !isMine && (
            <Button
              variant="primary"
              size="sm"
              isLoading={claim.isPending}
              aria-describedby={headingId}
              onClick={() =>
                claim.mutate(item.session_id, { onSuccess: (result) => onClaimed(result.session) })
              }
            >
              Claim
            </Button>
          )}
          {!isClaimed && isMine && (
            <span className="text-xs text-zinc-500">Waiting for another engineer</span>
          )}
        </div>
      </div>
      {item.summary && <p className="mt-2 text-[13px] leading-relaxed text-zinc-300">{item.summary}</p>}
      {claim.isError && (
        <Alert tone="error" className="mt-3">
          <p>{describeError(claim.error).detail}</p>
        </Alert>
      )}
      {isPreviewOpen && (
        <section
          id={previewId}
          aria-label={`Escalation package: ${item.title}`}
          className="mt-3 max-h-96 overflow-y-auto rounded-md border border-zinc-800 bg-zinc-950 p-4"
        >
          <Markdown source={item.escalation_package} />
        </section>
      )}
    </li>
  );
}
