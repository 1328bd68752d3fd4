import { Link, useLocation } from 'react-router';
import { buttonClasses } from '../../components/ui/button';
import { LogoMark } from '../../components/ui/logo';

export function NotFoundRoute() {
  const location = useLocation();
  return (
    <main className="grid min-h-dvh place-items-center px-4">
      <title>Not found · FlowPilot</title>
      <div className="max-w-md text-center">
        <LogoMark className="mx-auto mb-6 size-10" />
        <p className="font-mono text-xs tracking-widest text-sky-300">404</p>
        <h1 className="mt-2 text-xl font-semibold tracking-tight text-zinc-50">Page not found</h1>
        <p className="mt-2 text-[13px] text-zinc-400">
          Nothing lives at <span className="font-mono break-all text-zinc-300">{location.pathname}</span>. The
          link may be old, or the address mistyped.
        </p>
        <Link to="/pilot" className={buttonClasses('primary', 'md', 'mt-6')}>
          Go to Pilot sessions
        </Link>
      </div>
    </main>
  );
}
