import { Outlet, useNavigation } from 'react-router';
import { ErrorState } from '../../components/ui/error-state';
import { FullPageSpinner } from '../../components/ui/spinner';
import { useMe } from '../../features/auth/api/get-me';
import { isApiError } from '../../lib/api-client';
import { Sidebar } from './sidebar';

/**
 * The signed-in frame. It is also the guard: nothing below renders until `/auth/me` answers.
 * A 401 is handled by the API client's redirect to /login, so here it only means "wait".
 */
export function AppLayout() {
  const me = useMe();
  const navigation = useNavigation();

  if (me.isPending || (isApiError(me.error) && me.error.status === 401)) {
    return <FullPageSpinner />;
  }

  if (me.isError) {
    return (
      <div className="grid min-h-dvh place-items-center p-6">
        <ErrorState
          className="w-full max-w-lg"
          title="Couldn't load your session"
          error={me.error}
          onRetry={() => void me.refetch()}
          isRetrying={me.isFetching}
        />
      </div>
    );
  }

  const isNavigating = navigation.state !== 'idle';
  return (
    <div className="min-h-dvh">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-sky-400 px-3 py-2 font-medium text-zinc-950 focus:not-sr-only focus:fixed focus:top-3 focus:left-3"
      >
        Skip to content
      </a>
      {isNavigating && (
        <div aria-hidden="true" className="fixed inset-x-0 top-0 z-50 h-0.5 overflow-hidden bg-sky-950">
          <div className="h-full w-1/3 animate-progress bg-sky-400" />
        </div>
      )}
      <Sidebar user={me.data.user} account={me.data.account} />
      <main
        id="main"
        tabIndex={-1}
        aria-busy={isNavigating || undefined}
        className="focus:outline-none md:pl-60"
      >
        <div className="mx-auto w-full max-w-6xl px-4 py-6 sm:px-6 md:px-8 md:py-8">
          <Outlet />
        </div>
      </main>
    </div>
  );
}
