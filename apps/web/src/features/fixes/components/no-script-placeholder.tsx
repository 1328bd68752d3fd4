import { useEffect, useId, useRef } from 'react';
import { Button } from '../../../components/ui/button';
import { IconChevronLeft, IconCode } from '../../../components/ui/icons';

/**
 * Apply for a fix with neither a library template nor a drafted script. The Script Builder tab
 * that writes one with the assistant arrives later; until then this says so and leads back.
 */
export function NoScriptPlaceholder({ onBack }: { onBack: () => void }) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section
      aria-labelledby={headingId}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onBack();
      }}
      className="flex flex-wrap items-center gap-3 rounded-lg bg-zinc-900/90 px-3.5 py-3 ring-1 ring-zinc-800"
    >
      <span className="grid size-8 shrink-0 place-items-center rounded-md bg-zinc-800 text-zinc-300">
        <IconCode className="size-4" />
      </span>
      <div className="min-w-0 flex-1">
        <h2
          id={headingId}
          ref={headingRef}
          tabIndex={-1}
          className="text-[13px] font-semibold text-zinc-50 focus:outline-none"
        >
          No script yet — the Script Builder tab will help you write one
        </h2>
        <p className="text-xs text-zinc-400">
          Meanwhile, follow the steps in the fix description, or ask the assistant for a script in the chat.
        </p>
      </div>
      <Button size="sm" onClick={onBack}>
        <IconChevronLeft className="size-3.5" />
        Back to chat
      </Button>
    </section>
  );
}
