import { cn } from '../../lib/cn';

/** The FlowPilot mark: a heading arrow on a deep-sky tile. */
export function LogoMark({ className }: { className?: string }) {
  return (
    <svg
      viewBox="0 0 32 32"
      aria-hidden="true"
      focusable="false"
      className={cn('size-7 shrink-0', className)}
    >
      <rect width="32" height="32" rx="8" className="fill-sky-950" />
      <rect x="0.5" y="0.5" width="31" height="31" rx="7.5" fill="none" className="stroke-sky-800" />
      <path d="M9 23 16 8l7 15-7-4z" className="fill-sky-300" />
    </svg>
  );
}

export function Logo({ className }: { className?: string }) {
  return (
    <span className={cn('inline-flex items-center gap-2.5', className)}>
      <LogoMark />
      <span className="text-[15px] font-semibold tracking-tight text-zinc-50">FlowPilot</span>
    </span>
  );
}
