import { cn } from '../../../lib/cn';

/** "3 of 5 open", with one pip per place: how many more sessions can be started. */
export function SessionCap({ count, cap }: { count: number; cap: number }) {
  const isFull = count >= cap;
  return (
    <p className="flex items-center gap-2 text-[13px] text-zinc-400">
      <span aria-hidden="true" className="flex gap-1">
        {Array.from({ length: cap }, (_, index) => (
          <span
            key={index}
            className={cn(
              'h-1.5 w-3 rounded-full',
              index < count ? (isFull ? 'bg-amber-400' : 'bg-sky-400') : 'bg-zinc-700',
            )}
          />
        ))}
      </span>
      <span className={cn('tabular-nums', isFull && 'text-amber-200')}>
        {count} of {cap} open
      </span>
    </p>
  );
}
