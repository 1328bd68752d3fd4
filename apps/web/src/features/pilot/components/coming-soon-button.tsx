import { useId, type ReactNode } from 'react';
import { buttonClasses } from '../../../components/ui/button';
import { cn } from '../../../lib/cn';

/**
 * A button whose feature is not built yet. It stays focusable (aria-disabled, not disabled)
 * so keyboard and screen-reader users can find it and hear why it does nothing.
 */
export function ComingSoonButton({ children, note = 'Coming soon' }: { children: ReactNode; note?: string }) {
  const tooltipId = useId();
  return (
    <span className="group relative inline-flex">
      <button
        type="button"
        aria-disabled="true"
        aria-describedby={tooltipId}
        onClick={(event) => event.preventDefault()}
        className={cn(buttonClasses('secondary', 'sm'), 'cursor-not-allowed opacity-55 hover:bg-zinc-800')}
      >
        {children}
      </button>
      <span
        id={tooltipId}
        role="tooltip"
        className="pointer-events-none absolute top-full right-0 z-20 mt-1.5 rounded bg-zinc-800 px-2 py-1 text-xs whitespace-nowrap text-zinc-100 opacity-0 shadow-lg ring-1 ring-zinc-700 transition-opacity group-hover:opacity-100 group-focus-within:opacity-100"
      >
        {note}
      </span>
    </span>
  );
}
