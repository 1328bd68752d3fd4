import { cn } from '../../lib/cn';

/**
 * A queue's size for navigation: a visible count (hidden from assistive technology, so the link
 * keeps its name) plus a description naming it ("3 escalations waiting"). Nothing shows at zero.
 */
export function NavCountBadge({
  count,
  descriptionId,
  describe,
  tone = 'amber',
  testId,
}: {
  count: number;
  descriptionId: string;
  /** The description for a count above zero. */
  describe: (count: number) => string;
  tone?: 'amber' | 'rose';
  testId?: string;
}) {
  return (
    <>
      {count > 0 && (
        <span
          aria-hidden="true"
          data-testid={testId}
          className={cn(
            'ml-auto rounded-full px-1.5 text-[11px] leading-[18px] font-semibold text-zinc-950 tabular-nums',
            tone === 'amber' ? 'bg-amber-500/90' : 'bg-rose-500/90',
          )}
        >
          {count}
        </span>
      )}
      <span id={descriptionId} hidden>
        {count === 0 ? '' : describe(count)}
      </span>
    </>
  );
}
