import { cn } from '../../../lib/cn';
import type { ConfidenceTier } from '../types';
import { tierDescriptions, tierLabels } from './session-labels';

const TIERS: ConfidenceTier[] = ['discovery', 'exploring', 'guided'];

const tierColours: Record<ConfidenceTier, string> = {
  discovery: 'bg-zinc-400',
  exploring: 'bg-amber-300',
  guided: 'bg-emerald-400',
};

interface ConfidenceIndicatorProps {
  tier: ConfidenceTier;
  /** 0..1; omitted in compact lists where the tier is enough. */
  score?: number | undefined;
  /**
   * Says whose confidence this is, on screen, where another number could be mistaken for it
   * (the session header sits above the fix's "proposed at 58%").
   */
  label?: string | undefined;
  className?: string;
}

/** How sure the assistant is: the tier in words, three steps, and the score. */
export function ConfidenceIndicator({ tier, score, label, className }: ConfidenceIndicatorProps) {
  const reached = TIERS.indexOf(tier);
  const percent = score === undefined ? undefined : Math.round(Math.min(1, Math.max(0, score)) * 100);
  return (
    <span
      className={cn('inline-flex items-center gap-2 text-xs text-zinc-300', className)}
      title={
        label
          ? `How sure the assistant is about the cause, updated with every reply. ${tierLabels[tier]}: ${tierDescriptions[tier].toLowerCase()}.`
          : tierDescriptions[tier]
      }
    >
      <span aria-hidden="true" className="flex items-center gap-0.5">
        {TIERS.map((step, index) => (
          <span
            key={step}
            className={cn('h-2.5 w-1.5 rounded-[2px]', index <= reached ? tierColours[tier] : 'bg-zinc-700')}
          />
        ))}
      </span>
      <span>
        {label ? (
          <span className="text-zinc-400">{label}: </span>
        ) : (
          <span className="sr-only">Confidence: </span>
        )}
        <span className="font-medium text-zinc-100">{tierLabels[tier]}</span>
        {percent !== undefined && <span className="text-zinc-400 tabular-nums"> · {percent}%</span>}
      </span>
    </span>
  );
}
