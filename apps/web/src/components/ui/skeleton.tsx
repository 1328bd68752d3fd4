import { cn } from '../../lib/cn';

/** A placeholder bar; the region containing it carries aria-busy and a label. */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden="true" className={cn('animate-pulse rounded bg-zinc-800/80', className)} />;
}
