import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert } from '../../../components/ui/alert';
import { buttonClasses } from '../../../components/ui/button';
import { ErrorState } from '../../../components/ui/error-state';
import { PageHeader } from '../../../components/ui/page-header';
import { Spinner } from '../../../components/ui/spinner';
import { describeError, isApiError } from '../../../lib/api-client';
import { useBuilderSessions } from '../../../features/script-builder/api/list-sessions';
import { BuilderSessionList } from '../../../features/script-builder/components/builder-session-list';
import { NewScriptControls } from '../../../features/script-builder/components/new-script-controls';
import { SessionCap } from '../../../features/script-builder/components/session-cap';
import { useStartFromFix } from '../../../features/script-builder/hooks/use-start-from-fix';

export function ScriptBuilderRoute() {
  const [searchParams] = useSearchParams();
  const fromFix = searchParams.get('from_fix');
  const pilotSession = searchParams.get('session');
  const start = useStartFromFix(fromFix, pilotSession);
  const sessions = useBuilderSessions();
  const [createError, setCreateError] = useState<unknown>(null);

  if (start.phase === 'starting') {
    return (
      <div role="status" aria-busy="true" className="flex items-center gap-3 py-16 text-zinc-400">
        <title>Script Builder · FlowPilot</title>
        <Spinner className="size-5 text-sky-400" />
        Opening the fix's script in a new builder session…
      </div>
    );
  }

  return (
    <>
      <title>Script Builder · FlowPilot</title>
      <PageHeader
        title="Script Builder"
        description="Draft PowerShell, bash or Python scripts with the assistant. FlowPilot never runs them."
        actions={<NewScriptControls onError={setCreateError} />}
      />
      <div className="space-y-4">
        {start.phase === 'failed' && (
          <ErrorState title="Couldn't start from the fix's script" error={start.error} />
        )}
        {createError !== null && (
          <Alert
            tone="error"
            title={
              isApiError(createError) && createError.status === 409
                ? 'No room for another session'
                : "Couldn't start a session"
            }
          >
            <p>{describeError(createError).detail}</p>
          </Alert>
        )}
        <section aria-labelledby="builder-sessions-heading" className="space-y-3">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h2 id="builder-sessions-heading" className="text-sm font-semibold text-zinc-100">
              Your scripts
            </h2>
            {sessions.data && <SessionCap count={sessions.data.count} cap={sessions.data.cap} />}
          </div>
          <BuilderSessionList sessions={sessions} />
        </section>
        {pilotSession && start.phase === 'failed' && (
          <Link to={`/pilot/${pilotSession}`} className={buttonClasses('secondary', 'sm')}>
            Back to the pilot session
          </Link>
        )}
      </div>
    </>
  );
}
