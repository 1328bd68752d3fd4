import { StatusDot } from '../../../components/ui/badge';
import { ErrorState } from '../../../components/ui/error-state';
import { Skeleton } from '../../../components/ui/skeleton';
import { useHealth } from '../api/get-health';
import { assistantTone, backendLabel } from './backend-label';

/** The assistant backend and database as the server reports them (`GET /health`). */
export function SystemStatus() {
  const health = useHealth();

  if (health.isPending) {
    return (
      <div aria-busy="true" aria-label="Loading assistant status" className="space-y-3">
        <Skeleton className="h-4 w-2/3" />
        <Skeleton className="h-4 w-1/2" />
        <Skeleton className="h-4 w-1/3" />
      </div>
    );
  }

  if (health.isError) {
    return (
      <ErrorState
        title="Couldn't load the assistant status"
        error={health.error}
        onRetry={() => void health.refetch()}
        isRetrying={health.isFetching}
      />
    );
  }

  const { llm, db, version } = health.data;
  const isOffline = backendLabel(llm.backend) === 'offline engine';
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2.5 text-[13px]">
      <dt className="text-zinc-400">Assistant</dt>
      <dd className="flex items-center gap-2 text-zinc-100">
        <StatusDot tone={assistantTone(health.data)} />
        {backendLabel(llm.backend)}
        <span className="text-zinc-400">({llm.status === 'ok' ? 'ready' : llm.status})</span>
      </dd>
      <dt className="text-zinc-400">Model</dt>
      <dd className="font-mono text-zinc-200">{llm.model || '—'}</dd>
      <dt className="text-zinc-400">Database</dt>
      <dd className="flex items-center gap-2 text-zinc-100">
        <StatusDot tone={db.status === 'ok' ? 'ok' : 'down'} />
        {db.kind === 'pglite' ? 'Embedded PostgreSQL (PGlite)' : 'PostgreSQL'}
        <span className="text-zinc-400">({db.status})</span>
      </dd>
      {version && (
        <>
          <dt className="text-zinc-400">Version</dt>
          <dd className="font-mono text-zinc-200">{version}</dd>
        </>
      )}
      {isOffline && (
        <dd className="col-span-2 mt-1 text-zinc-400">
          The built-in offline engine works without network access, from a playbook of common MSP issues. An
          administrator can configure Anthropic, OpenAI or an OpenAI-compatible server instead.
        </dd>
      )}
    </dl>
  );
}
