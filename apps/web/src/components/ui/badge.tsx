import type { ReactNode } from 'react';
import { cn } from '../../lib/cn';

type Tone = 'neutral' | 'accent' | 'success' | 'warning' | 'danger';

const tones: Record<Tone, string> = {
  neutral: 'bg-zinc-800 text-zinc-300 ring-zinc-700',
  accent: 'bg-sky-950/70 text-sky-200 ring-sky-800/70',
  success: 'bg-emerald-950/60 text-emerald-200 ring-emerald-800/60',
  warning: 'bg-amber-950/60 text-amber-200 ring-amber-800/60',
  danger: 'bg-red-950/60 text-red-200 ring-red-800/60',
};

export function Badge({
  tone = 'neutral',
  children,
  className,
}: {
  tone?: Tone;
  children: ReactNode;
  className?: string;
}) {
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset',
        tones[tone],
        className,
      )}
    >
      {children}
    </span>
  );
}

/** A small coloured dot for live status; the text next to it carries the meaning. */
export function StatusDot({ tone }: { tone: 'ok' | 'warning' | 'down' | 'unknown' }) {
  const colour = {
    ok: 'bg-emerald-400',
    warning: 'bg-amber-400',
    down: 'bg-red-400',
    unknown: 'bg-zinc-500',
  }[tone];
  return <span aria-hidden="true" className={cn('inline-block size-2 shrink-0 rounded-full', colour)} />;
}
