import { useId, useState, type RefObject } from 'react';
import { Badge } from '../../../components/ui/badge';
import { IconChevronDown, IconWrench } from '../../../components/ui/icons';
import { Markdown } from '../../../components/ui/markdown';
import { cn } from '../../../lib/cn';
import { FixActions } from '../../fixes/components/fix-actions';
import { proposedAtHint, proposedAtLabel } from '../../fixes/components/fix-outcome-labels';
import type { SuggestedFix } from '../types';
import { describeOutcomeProposal, fixStateTone } from './fix-labels';

interface ProposalBannerProps {
  sessionId: string;
  fix: SuggestedFix;
  /** Routes to the fix's script surface; records nothing. */
  onApply: () => void;
  regionRef?: RefObject<HTMLElement | null>;
}

/**
 * The active fix, above the composer: title, the confidence it was proposed at, where it stands (Proposed, Verifying,
 * Partial, AI-confirming…) and the lifecycle actions. The description stays collapsed so the
 * conversation keeps its room; the task lane has the details too.
 */
export function ProposalBanner({ sessionId, fix, onApply, regionRef }: ProposalBannerProps) {
  const [isExpanded, setIsExpanded] = useState(false);
  const detailsId = useId();
  const outcome = describeOutcomeProposal(fix);
  // Until the engineer says how it went; then the state badge carries the outcome.
  const proposedAt = proposedAtLabel(fix);

  return (
    <section
      ref={regionRef}
      role="region"
      aria-label="Fix proposal"
      className="rounded-lg bg-gradient-to-b from-sky-950/40 to-zinc-900/80 ring-1 ring-sky-900/70"
    >
      <div className="flex items-center gap-3 px-3.5 pt-2.5 pb-2">
        <span className="grid size-7 shrink-0 place-items-center rounded-md bg-sky-950 text-sky-300 ring-1 ring-sky-800/70">
          <IconWrench className="size-3.5" />
        </span>
        <div className="min-w-0 flex-1">
          <p className="text-[11px] font-medium tracking-wide text-sky-300/90 uppercase">Suggested fix</p>
          <p className="truncate text-[13px] font-semibold text-zinc-50" title={fix.title}>
            {fix.title}
          </p>
        </div>
        <div className="flex shrink-0 items-center gap-2">
          {proposedAt && (
            <span className="text-xs text-zinc-400 tabular-nums" title={proposedAtHint}>
              {proposedAt}
            </span>
          )}
          <Badge tone={fixStateTone(fix.state_label)}>{fix.state_label}</Badge>
          <button
            type="button"
            aria-expanded={isExpanded}
            aria-controls={detailsId}
            onClick={() => setIsExpanded((expanded) => !expanded)}
            className="grid size-7 place-items-center rounded-md text-zinc-400 hover:bg-zinc-800 hover:text-zinc-100"
          >
            <span className="sr-only">Fix details</span>
            <IconChevronDown className={cn('size-4 transition-transform', isExpanded && 'rotate-180')} />
          </button>
        </div>
      </div>
      {outcome && (
        <p className="mx-3.5 mb-2 rounded-md bg-sky-950/60 px-2.5 py-1.5 text-[13px] text-sky-100 ring-1 ring-inset ring-sky-800/60">
          {outcome}
        </p>
      )}
      <div className="px-3.5 pb-2.5">
        <FixActions sessionId={sessionId} fix={fix} onApply={onApply} />
      </div>
      <div id={detailsId} hidden={!isExpanded} className="space-y-2 border-t border-sky-900/40 px-3.5 py-2.5">
        {fix.description && (
          <div className="max-h-40 overflow-y-auto text-[13px] text-zinc-300">
            <Markdown source={fix.description} className="space-y-1.5" />
          </div>
        )}
        <p className="text-xs text-zinc-400">
          {fix.script_template_id
            ? 'A script template from the library fits this fix: Apply opens it in the task lane.'
            : fix.ai_drafted_script
              ? 'The assistant drafted a script for this fix: Apply shows it with the ways to run it.'
              : 'No script attached yet: Apply opens the Script Builder tab to write one.'}
          {fix.partial_notes && ` Partial: ${fix.partial_notes}`}
          {fix.failure_reason && ` Didn't work: ${fix.failure_reason}`}
        </p>
      </div>
    </section>
  );
}
