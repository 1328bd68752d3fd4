import { useId, type ReactNode } from 'react';
import { cn } from '../../lib/cn';

interface PanelProps {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}

/** A titled section of a page; the title names the region for assistive technology. */
export function Panel({ title, description, actions, children, className }: PanelProps) {
  const headingId = useId();
  return (
    <section
      aria-labelledby={headingId}
      className={cn('rounded-lg bg-zinc-900/60 ring-1 ring-zinc-800', className)}
    >
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-zinc-800 px-4 py-3">
        <div className="min-w-0">
          <h2 id={headingId} className="text-sm font-semibold text-zinc-100">
            {title}
          </h2>
          {description && <p className="mt-0.5 text-[13px] text-zinc-400">{description}</p>}
        </div>
        {actions}
      </div>
      <div className="p-4">{children}</div>
    </section>
  );
}
