import { cn } from '../../lib/cn';

/** A decorative spinner; pair it with text or an aria-busy region that says what is loading. */
export function Spinner({ className }: { className?: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      className={cn('size-4 animate-spin', className)}
    >
      <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeOpacity="0.25" strokeWidth="3" />
      <path
        d="M21 12a9 9 0 0 0-9-9"
        fill="none"
        stroke="currentColor"
        strokeWidth="3"
        strokeLinecap="round"
      />
    </svg>
  );
}

/** A whole-screen wait, used before the first route or the signed-in user has loaded. */
export function FullPageSpinner({ label = 'Loading FlowPilot…' }: { label?: string }) {
  return (
    <div role="status" aria-busy="true" className="grid min-h-dvh place-items-center bg-zinc-950">
      <div className="flex items-center gap-3 text-zinc-400">
        <Spinner className="size-5 text-sky-400" />
        <span>{label}</span>
      </div>
    </div>
  );
}
