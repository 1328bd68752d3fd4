import { useState } from 'react';
import { Link } from 'react-router';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { EmptyState } from '../../../components/ui/empty-state';
import { ErrorState } from '../../../components/ui/error-state';
import { IconCode, IconTrash } from '../../../components/ui/icons';
import { Skeleton } from '../../../components/ui/skeleton';
import { describeError } from '../../../lib/api-client';
import { formatDateTime, formatRelativeTime } from '../../../lib/format-relative-time';
import { useDeleteBuilderSession } from '../api/delete-session';
import type { useBuilderSessions } from '../api/list-sessions';
import { languageLabels } from '../lib/script-languages';
import type { BuilderSession } from '../types';

interface BuilderSessionListProps {
  sessions: ReturnType<typeof useBuilderSessions>;
}

/** The engineer's open standalone builder sessions, most recently changed first. */
export function BuilderSessionList({ sessions }: BuilderSessionListProps) {
  if (sessions.isPending) {
    return (
      <div aria-busy="true" aria-label="Loading script builder sessions" className="space-y-2">
        {[0, 1].map((row) => (
          <div key={row} className="flex items-center gap-4 rounded-lg p-4 ring-1 ring-zinc-800">
            <Skeleton className="h-4 w-1/2" />
            <Skeleton className="ml-auto h-4 w-20" />
          </div>
        ))}
      </div>
    );
  }
  if (sessions.isError) {
    return (
      <ErrorState
        title="Couldn't load your script builder sessions"
        error={sessions.error}
        onRetry={() => void sessions.refetch()}
        isRetrying={sessions.isFetching}
      />
    );
  }
  const items = [...sessions.data.items].sort((a, b) => b.updated_at.localeCompare(a.updated_at));
  if (items.length === 0) {
    return (
      <EmptyState icon={<IconCode className="size-5" />} title="No script builder sessions">
        Choose a language and <span className="font-medium text-zinc-200">New script</span> to describe what
        the script should do. You can keep up to {sessions.data.cap} sessions open; a finished script can be
        saved to the template library.
      </EmptyState>
    );
  }
  return (
    <ul
      aria-label="Script builder sessions"
      className="divide-y divide-zinc-800/80 rounded-lg ring-1 ring-zinc-800"
    >
      {items.map((session) => (
        <SessionRow key={session.id} session={session} />
      ))}
    </ul>
  );
}

function SessionRow({ session }: { session: BuilderSession }) {
  const [isConfirming, setIsConfirming] = useState(false);
  const remove = useDeleteBuilderSession();
  const title = session.title || 'Untitled script';

  return (
    <li className="group relative flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 first:rounded-t-lg last:rounded-b-lg hover:bg-zinc-900/70">
      <div className="min-w-0 flex-1 basis-64">
        <Link
          to={`/script-builder/${session.id}`}
          className="block truncate text-[13px] font-medium text-zinc-100 after:absolute after:inset-0 focus-visible:outline-none focus-visible:after:rounded-lg focus-visible:after:outline-2 focus-visible:after:-outline-offset-2 focus-visible:after:outline-sky-400"
        >
          {title}
        </Link>
        <p className="truncate font-mono text-xs text-zinc-400">
          {session.latest_script_filename ?? (session.latest_script ? 'Script drafted' : 'No script yet')}
        </p>
      </div>
      <div className="relative z-10 flex shrink-0 items-center gap-3">
        <Badge tone="accent">{languageLabels[session.language]}</Badge>
        <time
          dateTime={session.updated_at}
          title={formatDateTime(session.updated_at)}
          className="w-20 text-right text-xs text-zinc-400 tabular-nums"
        >
          {formatRelativeTime(session.updated_at)}
        </time>
        {isConfirming ? (
          <span className="flex items-center gap-1.5">
            <span className="text-xs text-zinc-300">Delete this session?</span>
            <Button
              size="sm"
              variant="danger"
              isLoading={remove.isPending}
              onClick={() => remove.mutate(session.id)}
              aria-label={`Confirm delete ${title}`}
            >
              Delete
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setIsConfirming(false)}>
              Cancel
            </Button>
          </span>
        ) : (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => setIsConfirming(true)}
            aria-label={`Delete ${title}`}
          >
            <IconTrash className="size-3.5" />
            <span className="max-sm:sr-only">Delete</span>
          </Button>
        )}
      </div>
      {remove.isError && (
        <p role="alert" className="relative z-10 w-full text-[13px] text-red-300">
          Couldn't delete: {describeError(remove.error).detail}
        </p>
      )}
    </li>
  );
}
