import { useId, useState } from 'react';
import { Button } from '../../../components/ui/button';
import { ErrorState } from '../../../components/ui/error-state';
import { IconChevronDown } from '../../../components/ui/icons';
import { Skeleton } from '../../../components/ui/skeleton';
import { cn } from '../../../lib/cn';
import { formatDateTime, formatRelativeTime } from '../../../lib/format-relative-time';
import { useSessionAudit } from '../api/list-session-audit';
import type { SuggestedFix } from '../types';
import { buildAuditContext, describeAuditEvent, type EventTone } from './describe-audit-event';

const dotTones: Record<EventTone, string> = {
  neutral: 'bg-zinc-600',
  accent: 'bg-sky-400',
  success: 'bg-emerald-400',
  warning: 'bg-amber-400',
  danger: 'bg-red-400',
};

interface ActivityTimelineProps {
  sessionId: string;
  /** Lends its notes to the trail (the lifecycle's rows keep the status, not the reason). */
  activeFix?: SuggestedFix | null | undefined;
  defaultOpen?: boolean;
}

/**
 * The session's audit trail in words — who proposed, applied, recorded and closed what, and
 * when — behind a disclosure, fetched only once opened.
 */
export function ActivityTimeline({ sessionId, activeFix, defaultOpen = false }: ActivityTimelineProps) {
  const [isOpen, setIsOpen] = useState(defaultOpen);
  const contentId = useId();
  const audit = useSessionAudit(sessionId, isOpen);
  const events = audit.data?.pages.flatMap((page) => page.items) ?? [];
  const context = buildAuditContext(events, activeFix);

  return (
    <section className="mt-6 space-y-2.5 border-t border-zinc-800/80 pt-4">
      <h2>
        <button
          type="button"
          aria-expanded={isOpen}
          aria-controls={contentId}
          onClick={() => setIsOpen((open) => !open)}
          className="flex w-full items-center gap-2 rounded text-left text-xs font-semibold tracking-wide text-zinc-300 uppercase hover:text-zinc-100"
        >
          Activity
          {audit.data && events.length > 0 && (
            <span className="rounded bg-zinc-800 px-1.5 text-[11px] font-medium text-zinc-400 tabular-nums normal-case">
              {events.length}
              {audit.hasNextPage ? '+' : ''}
            </span>
          )}
          <IconChevronDown
            className={cn('ml-auto size-4 text-zinc-500 transition-transform', isOpen && 'rotate-180')}
          />
        </button>
      </h2>
      <div id={contentId} hidden={!isOpen}>
        {isOpen &&
          (audit.isPending ? (
            <div aria-busy="true" aria-label="Loading activity" className="space-y-3">
              <Skeleton className="h-4 w-3/4" />
              <Skeleton className="h-4 w-2/3" />
              <Skeleton className="h-4 w-4/5" />
            </div>
          ) : audit.isError ? (
            <ErrorState
              title="Couldn't load the activity"
              error={audit.error}
              onRetry={() => void audit.refetch()}
              isRetrying={audit.isFetching}
            />
          ) : events.length === 0 ? (
            <p className="text-[13px] text-zinc-500">Nothing recorded yet.</p>
          ) : (
            <>
              <ol aria-label="Activity" className="relative space-y-3 pl-4">
                <span
                  aria-hidden="true"
                  className="absolute top-1.5 bottom-1.5 left-[3px] w-px bg-zinc-800"
                />
                {events.map((event) => {
                  const described = describeAuditEvent(event, context);
                  return (
                    <li key={event.id} className="relative">
                      <span
                        aria-hidden="true"
                        className={cn(
                          'absolute top-1.5 -left-4 size-[7px] rounded-full ring-2 ring-zinc-950',
                          dotTones[described.tone],
                        )}
                      />
                      <p className="text-[13px] leading-snug text-zinc-200">{described.text}</p>
                      {described.detail && (
                        <p className="line-clamp-2 text-xs text-zinc-400" title={described.detail}>
                          {described.detail}
                        </p>
                      )}
                      <p className="mt-0.5 text-[11px] text-zinc-500">
                        {described.actor} ·{' '}
                        <time dateTime={event.created_at} title={formatRelativeTime(event.created_at)}>
                          {formatDateTime(event.created_at)}
                        </time>
                      </p>
                    </li>
                  );
                })}
              </ol>
              {audit.hasNextPage && (
                <Button
                  size="sm"
                  variant="ghost"
                  className="mt-2"
                  onClick={() => void audit.fetchNextPage()}
                  isLoading={audit.isFetchingNextPage}
                >
                  Show later activity
                </Button>
              )}
            </>
          ))}
      </div>
    </section>
  );
}
