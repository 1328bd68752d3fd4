import type { ReactNode } from 'react';
import { cn } from '../../lib/cn';

interface EmptyStateProps {
  icon?: ReactNode;
  title: string;
  children?: ReactNode;
  className?: string;
}

/** Nothing here yet: says what will appear and why, without pretending to offer more. */
export function EmptyState({ icon, title, children, className }: EmptyStateProps) {
  return (
    <div
      className={cn(
        'flex flex-col items-center rounded-lg border border-dashed border-zinc-800 px-6 py-14 text-center',
        className,
      )}
    >
      {icon && (
        <div className="mb-4 grid size-10 place-items-center rounded-lg bg-zinc-900 text-zinc-400 ring-1 ring-zinc-800">
          {icon}
        </div>
      )}
      <p className="text-[15px] font-medium text-zinc-100">{title}</p>
      {children && (
        <div className="mt-1.5 max-w-md text-[13px] leading-relaxed text-zinc-400">{children}</div>
      )}
    </div>
  );
}
