import { useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button } from '../../../components/ui/button';
import { EmptyState } from '../../../components/ui/empty-state';
import { ErrorState } from '../../../components/ui/error-state';
import { IconMessages, IconSearch } from '../../../components/ui/icons';
import { Skeleton } from '../../../components/ui/skeleton';
import { Spinner } from '../../../components/ui/spinner';
import { formatDateTime, formatRelativeTime } from '../../../lib/format-relative-time';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { useSessions, type SessionFilters } from '../api/list-sessions';
import type { Session, SessionStatus } from '../types';
import { ConfidenceIndicator } from './confidence-indicator';
import { statusLabels } from './session-labels';
import { SessionStatusBadge } from './session-status-badge';

const STATUSES = Object.keys(statusLabels) as SessionStatus[];
const isStatus = (value: string | null): value is SessionStatus =>
  value !== null && (STATUSES as string[]).includes(value);

const controlClasses =
  'h-9 rounded-md bg-zinc-900 text-sm text-zinc-100 ring-1 ring-inset ring-zinc-700 hover:ring-zinc-600 focus:ring-2 focus:ring-sky-400 focus:outline-none';

/** The engineer's own sessions, newest first; search and status live in the URL. */
export function SessionList() {
  const [searchParams, setSearchParams] = useSearchParams();
  const statusParam = searchParams.get('status');
  const status: SessionStatus | '' = isStatus(statusParam) ? statusParam : '';
  const [query, setQuery] = useState(() => searchParams.get('q') ?? '');
  const debouncedQuery = useDebouncedValue(query.trim(), 300);
  const filters: SessionFilters = { q: debouncedQuery, status };
  const sessions = useSessions(filters);
  const searchId = useId();
  const statusId = useId();

  const updateParams = (changes: Record<string, string>) =>
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );

  const onQueryChange = (value: string) => {
    setQuery(value);
    updateParams({ q: value.trim() });
  };

  const isFiltered = Boolean(debouncedQuery || status);
  const loadMoreError = sessions.isFetchNextPageError ? sessions.error : null;
  const items = sessions.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section aria-labelledby={`${searchId}-heading`} className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id={`${searchId}-heading`} className="text-sm font-semibold text-zinc-100">
          Your sessions
        </h2>
        <div role="search" className="flex flex-wrap items-center gap-2">
          <label htmlFor={searchId} className="sr-only">
            Search sessions
          </label>
          <div className="relative">
            <IconSearch className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-zinc-500" />
            <input
              id={searchId}
              type="search"
              value={query}
              onChange={(event) => onQueryChange(event.target.value)}
              placeholder="Search title, ticket, client…"
              autoComplete="off"
              className={`${controlClasses} w-64 max-w-full pr-3 pl-8 placeholder:text-zinc-500`}
            />
          </div>
          <label htmlFor={statusId} className="sr-only">
            Status
          </label>
          <select
            id={statusId}
            value={status}
            onChange={(event) => updateParams({ status: event.target.value })}
            className={`${controlClasses} pr-8 pl-3`}
          >
            <option value="">All statuses</option>
            {STATUSES.map((option) => (
              <option key={option} value={option}>
                {statusLabels[option]}
              </option>
            ))}
          </select>
          {sessions.isFetching && !sessions.isFetchingNextPage && !sessions.isPending && (
            <Spinner className="size-4 text-zinc-500" />
          )}
        </div>
      </div>

      {sessions.isPending ? (
        <div aria-busy="true" aria-label="Loading sessions" className="space-y-2">
          {[0, 1, 2].map((row) => (
            <div key={row} className="flex items-center gap-4 rounded-lg p-4 ring-1 ring-zinc-800">
              <Skeleton className="h-4 w-1/2" />
              <Skeleton className="ml-auto h-4 w-16" />
              <Skeleton className="h-4 w-20" />
            </div>
          ))}
        </div>
      ) : sessions.isError ? (
        <ErrorState
          title="Couldn't load your sessions"
          error={sessions.error}
          onRetry={() => void sessions.refetch()}
          isRetrying={sessions.isFetching}
        />
      ) : items.length === 0 ? (
        isFiltered ? (
          <EmptyState icon={<IconSearch className="size-5" />} title="No sessions match">
            Try other words, or show all statuses.
          </EmptyState>
        ) : (
          <EmptyState icon={<IconMessages className="size-5" />} title="No pilot sessions yet">
            Use <span className="font-medium text-zinc-200">New session</span> to start from a ticket or a
            problem description. Each session keeps the conversation, what has been confirmed, the checks run
            and the suggested fix.
          </EmptyState>
        )
      ) : (
        <>
          <ul
            aria-label="Pilot sessions"
            className="divide-y divide-zinc-800/80 rounded-lg ring-1 ring-zinc-800"
          >
            {items.map((session) => (
              <SessionRow key={session.id} session={session} />
            ))}
          </ul>
          {sessions.hasNextPage && (
            <div className="flex justify-center">
              <Button
                onClick={() => void sessions.fetchNextPage()}
                isLoading={sessions.isFetchingNextPage}
                size="sm"
              >
                Load more
              </Button>
            </div>
          )}
          {loadMoreError !== null && <ErrorState title="Couldn't load more sessions" error={loadMoreError} />}
        </>
      )}
    </section>
  );
}

function SessionRow({ session }: { session: Session }) {
  const when = session.last_message_at ?? session.created_at;
  const context = [session.intake_content.ticket_ref, session.client_name, session.asset_name]
    .filter(Boolean)
    .join(' · ');
  return (
    <li className="group relative flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 first:rounded-t-lg last:rounded-b-lg hover:bg-zinc-900/70">
      <div className="min-w-0 flex-1 basis-64">
        <Link
          to={`/pilot/${session.id}`}
          className="block truncate text-[13px] font-medium text-zinc-100 after:absolute after:inset-0 focus-visible:outline-none focus-visible:after:rounded-lg focus-visible:after:outline-2 focus-visible:after:-outline-offset-2 focus-visible:after:outline-sky-400"
        >
          {session.title || 'Untitled session'}
        </Link>
        <p className="truncate text-xs text-zinc-400">{context || session.intake_content.text}</p>
      </div>
      <div className="flex shrink-0 items-center gap-4">
        <ConfidenceIndicator tier={session.confidence_tier} />
        <SessionStatusBadge status={session.status} />
        <time
          dateTime={when}
          title={formatDateTime(when)}
          className="w-20 text-right text-xs text-zinc-400 tabular-nums"
        >
          {formatRelativeTime(when)}
        </time>
      </div>
    </li>
  );
}
