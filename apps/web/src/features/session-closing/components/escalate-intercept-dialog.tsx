import { useId, useRef, type ReactNode, type RefObject } from 'react';
import { FormError } from '../../../components/ui/form-error';
import { IconAlert, IconCheckCircle, IconClose, IconWrench } from '../../../components/ui/icons';
import { Spinner } from '../../../components/ui/spinner';
import { buttonClasses } from '../../../components/ui/button';
import { cn } from '../../../lib/cn';
import { useRecordInterceptOutcome, type InterceptOutcome } from '../api/record-intercept-outcome';
import type { SuggestedFix } from '../types';
import { ModalDialog } from '../../../components/ui/modal-dialog';

type InterceptChoice = 'didnt_work' | 'partial' | 'worked_other_reason' | 'never_applied';

interface Choice {
  value: InterceptChoice;
  /** The button's accessible name: part of the contract (SPEC §5). */
  label: string;
  hint: string;
  outcome: InterceptOutcome | null;
  icon: ReactNode;
  tone: string;
}

const choices: Choice[] = [
  {
    value: 'didnt_work',
    label: "The fix didn't work",
    hint: "Recorded as didn't work. Say what you saw in the package.",
    outcome: 'applied_failed',
    icon: <IconClose className="size-4" />,
    tone: 'bg-red-950/70 text-red-300 ring-red-900/70',
  },
  {
    value: 'partial',
    label: 'I applied some of it — partial',
    hint: 'Recorded as partial at once. Add what is done and what is left in the package.',
    outcome: 'applied_partial',
    icon: <IconAlert className="size-4" />,
    tone: 'bg-amber-950/70 text-amber-300 ring-amber-900/70',
  },
  {
    value: 'worked_other_reason',
    label: 'It worked — escalating for another reason',
    hint: 'Recorded as worked. Say in the package why it still goes up.',
    outcome: 'applied_success',
    icon: <IconCheckCircle className="size-4" />,
    tone: 'bg-emerald-950/70 text-emerald-300 ring-emerald-900/70',
  },
  {
    value: 'never_applied',
    label: 'Never actually applied it',
    hint: 'Nothing is recorded; the fix stays as it is.',
    outcome: null,
    icon: <IconWrench className="size-4" />,
    tone: 'bg-zinc-800 text-zinc-300 ring-zinc-700',
  },
];

interface EscalateInterceptDialogProps {
  sessionId: string;
  /** The active fix, Verifying or Partial. */
  fix: SuggestedFix;
  onClose: () => void;
  /** The answer is recorded (or nothing needed recording): go on to the package. */
  onContinue: () => void;
  returnFocusRef: RefObject<HTMLElement | null>;
}

/**
 * Asked before escalating while the fix's outcome is open (Verifying or Partial): the package
 * must not leave the next tier guessing whether the fix was run and what it did. The first
 * three answers record the outcome on the fix now, so the preview already says it.
 */
export function EscalateInterceptDialog({
  sessionId,
  fix,
  onClose,
  onContinue,
  returnFocusRef,
}: EscalateInterceptDialogProps) {
  const headingId = useId();
  const descriptionId = useId();
  const hintIds = useId();
  const firstChoiceRef = useRef<HTMLButtonElement>(null);
  const record = useRecordInterceptOutcome(sessionId);
  const pending = record.isPending ? record.variables.outcome : null;

  const choose = (choice: Choice) => {
    if (record.isPending) return;
    // Partial again adds nothing (and would bump the version for no change).
    if (!choice.outcome || (choice.outcome === 'applied_partial' && fix.status === 'applied_partial')) {
      onContinue();
      return;
    }
    record.mutate({ fixId: fix.id, outcome: choice.outcome }, { onSuccess: onContinue });
  };

  const state = fix.status === 'applied_partial' ? 'is marked as partially applied' : 'was marked as run';

  return (
    <ModalDialog
      labelledBy={headingId}
      describedBy={descriptionId}
      onClose={onClose}
      isLocked={record.isPending}
      initialFocusRef={firstChoiceRef}
      returnFocusRef={returnFocusRef}
      className="max-w-lg"
    >
      <div className="space-y-4 p-5">
        <div className="space-y-1.5">
          <h2 id={headingId} className="text-base font-semibold text-zinc-50">
            How did the fix go?
          </h2>
          <p id={descriptionId} className="text-[13px] leading-relaxed text-zinc-400">
            <span className="font-medium text-zinc-200">{fix.title}</span> {state}, but nobody recorded how it
            ended. Tell the next tier before you escalate; your answer goes into the package.
          </p>
        </div>

        <div className="grid gap-2">
          {choices.map((choice, index) => {
            const isPending = pending !== null && pending === choice.outcome;
            return (
              <button
                key={choice.value}
                ref={index === 0 ? firstChoiceRef : undefined}
                type="button"
                aria-label={choice.label}
                aria-describedby={`${hintIds}-${choice.value}`}
                aria-disabled={record.isPending || undefined}
                aria-busy={isPending || undefined}
                onClick={() => choose(choice)}
                className={cn(
                  'flex w-full items-start gap-3 rounded-lg bg-zinc-950/60 px-3 py-2.5 text-left ring-1 ring-zinc-800 ring-inset transition-colors',
                  'hover:bg-zinc-800/70 hover:ring-zinc-700 focus-visible:ring-2 focus-visible:ring-sky-400 focus-visible:outline-none',
                  record.isPending && !isPending && 'opacity-50',
                  record.isPending && 'cursor-wait',
                )}
              >
                <span
                  className={cn(
                    'mt-px grid size-7 shrink-0 place-items-center rounded-md ring-1 ring-inset',
                    choice.tone,
                  )}
                >
                  {isPending ? <Spinner className="size-3.5" /> : choice.icon}
                </span>
                <span className="min-w-0 space-y-0.5">
                  <span className="block text-[13px] font-medium text-zinc-100">{choice.label}</span>
                  <span id={`${hintIds}-${choice.value}`} className="block text-xs text-zinc-400">
                    {choice.hint}
                  </span>
                </span>
              </button>
            );
          })}
        </div>

        <FormError error={record.error} fields={[]} />

        <div className="flex justify-end">
          <button
            type="button"
            onClick={() => !record.isPending && onClose()}
            className={buttonClasses('ghost', 'sm')}
          >
            Cancel
          </button>
        </div>
      </div>
    </ModalDialog>
  );
}
