import { Link } from 'react-router';
import { Badge } from '../../../components/ui/badge';
import { buttonClasses } from '../../../components/ui/button';
import { ErrorState } from '../../../components/ui/error-state';
import { IconChevronLeft } from '../../../components/ui/icons';
import { Skeleton } from '../../../components/ui/skeleton';
import { isApiError } from '../../../lib/api-client';
import { cn } from '../../../lib/cn';
import { useBuilderSession } from '../api/get-session';
import { languageLabels } from '../lib/script-languages';
import { BuilderChat } from './builder-chat';
import { ScriptPreview } from './script-preview';

/* Like the pilot chat page: the view fills the viewport below the app chrome. */
const pageHeight = 'lg:h-[calc(100dvh-4rem)] lg:min-h-[32rem]';

/** A standalone builder session: the conversation on the left, the script it produced on the right. */
export function BuilderSessionView({ sessionId }: { sessionId: string }) {
  const session = useBuilderSession(sessionId);

  if (session.isPending) {
    return (
      <div aria-busy="true" aria-label="Loading script builder session" className="space-y-4">
        <Skeleton className="h-4 w-24" />
        <Skeleton className="h-6 w-1/2" />
        <div className="grid gap-6 pt-4 lg:grid-cols-2">
          <Skeleton className="h-72" />
          <Skeleton className="h-72" />
        </div>
      </div>
    );
  }

  if (session.isError) {
    const notFound = isApiError(session.error) && session.error.status === 404;
    return (
      <div className="space-y-4">
        <title>Session not available · FlowPilot</title>
        <ErrorState
          title={
            notFound
              ? 'This builder session does not exist, or it is not yours'
              : "Couldn't load this session"
          }
          error={session.error}
          onRetry={notFound ? undefined : () => void session.refetch()}
          isRetrying={session.isFetching}
        />
        <Link to="/script-builder" className={buttonClasses('secondary', 'sm')}>
          Back to Script Builder
        </Link>
      </div>
    );
  }

  const detail = session.data;
  return (
    <div className={cn(pageHeight, 'flex flex-col')}>
      <title>{`${detail.title || 'Script'} · Script Builder · FlowPilot`}</title>
      <header className="mb-4 flex flex-wrap items-end justify-between gap-3 border-b border-zinc-800/80 pb-4">
        <div className="min-w-0 space-y-1">
          <Link
            to="/script-builder"
            className="inline-flex items-center gap-1 text-xs font-medium text-zinc-400 hover:text-zinc-100"
          >
            <IconChevronLeft className="size-3.5" />
            Script Builder
          </Link>
          <div className="flex min-w-0 items-center gap-2.5">
            <h1 className="truncate text-xl font-semibold tracking-tight text-zinc-50">
              {detail.title || 'Untitled script'}
            </h1>
            <Badge tone="accent">{languageLabels[detail.language]}</Badge>
          </div>
        </div>
        <p className="text-xs text-zinc-400">Drafts only: FlowPilot never runs the script.</p>
      </header>
      <div className="grid min-h-0 flex-1 gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
        <section aria-label="Chat" className="flex h-[34rem] flex-col lg:h-auto lg:min-h-0">
          <BuilderChat sessionId={detail.id} language={detail.language} collapseScripts className="flex-1" />
        </section>
        <ScriptPreview session={detail} className="h-[32rem] lg:h-auto" />
      </div>
    </div>
  );
}
