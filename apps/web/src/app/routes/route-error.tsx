import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { Button, buttonClasses } from '../../components/ui/button';
import { IconAlert } from '../../components/ui/icons';
import { describeError } from '../../lib/api-client';

/** Last resort for a page that failed to load or render (e.g. a chunk gone after a deploy). */
export function RouteError() {
  const error = useRouteError();
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : describeError(error).detail;

  return (
    <div role="alert" className="grid min-h-[60dvh] place-items-center px-4 py-12">
      <div className="max-w-md text-center">
        <IconAlert className="mx-auto mb-4 size-8 text-red-300" />
        <h1 className="text-lg font-semibold text-zinc-50">This page failed to load</h1>
        <p className="mt-2 text-[13px] break-words text-zinc-400">{detail}</p>
        <div className="mt-6 flex justify-center gap-2">
          <Button variant="primary" onClick={() => window.location.reload()}>
            Reload page
          </Button>
          <Link to="/pilot" className={buttonClasses('secondary')}>
            Go to Pilot sessions
          </Link>
        </div>
      </div>
    </div>
  );
}
