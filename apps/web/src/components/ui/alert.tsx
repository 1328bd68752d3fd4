import type { ReactNode } from 'react';
import { cn } from '../../lib/cn';
import { IconAlert, IconCheckCircle } from './icons';

type Tone = 'error' | 'success' | 'info';

const tones: Record<Tone, string> = {
  error: 'bg-red-950/40 text-red-200 ring-red-900/70',
  success: 'bg-emerald-950/40 text-emerald-200 ring-emerald-900/70',
  info: 'bg-zinc-900 text-zinc-300 ring-zinc-800',
};

interface AlertProps {
  tone?: Tone;
  title?: ReactNode;
  children?: ReactNode;
  className?: string;
}

/** Errors are announced immediately (role=alert); confirmations politely (role=status). */
export function Alert({ tone = 'error', title, children, className }: AlertProps) {
  const Icon = tone === 'success' ? IconCheckCircle : IconAlert;
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={cn(
        'flex gap-2.5 rounded-md px-3 py-2.5 text-[13px] ring-1 ring-inset',
        tones[tone],
        className,
      )}
    >
      <Icon className="mt-px size-4 shrink-0" />
      <div className="min-w-0 space-y-0.5">
        {title && <p className="font-medium">{title}</p>}
        {children && <div className={cn(title ? 'opacity-90' : undefined)}>{children}</div>}
      </div>
    </div>
  );
}
