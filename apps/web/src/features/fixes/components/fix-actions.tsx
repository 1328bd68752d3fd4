import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Button } from '../../../components/ui/button';
import { TextAreaField } from '../../../components/ui/field';
import { FormError } from '../../../components/ui/form-error';
import { IconCheck, IconWrench } from '../../../components/ui/icons';
import { useAnswerOutcomeProposal } from '../api/answer-outcome-proposal';
import { useRecordFixOutcome } from '../api/record-fix-outcome';
import type { SuggestedFix } from '../types';
import { finishedLines, isFinishedFix, outcomeAnnouncements } from './fix-outcome-labels';

type Prompt = 'failed' | 'partial' | 'dismiss' | null;

interface FixActionsProps {
  sessionId: string;
  fix: SuggestedFix;
  /** Apply opens the right surface for the fix's script; it records nothing by itself. */
  onApply: () => void;
  isClosed?: boolean;
}

/**
 * The banner's lifecycle actions. Apply only routes; It worked / Didn't work / Partially
 * record the outcome (an outcome implies the script ran); Dismiss puts the fix aside. While the
 * assistant proposes an outcome, Confirm / Reject answer it first.
 */
export function FixActions({ sessionId, fix, onApply, isClosed = false }: FixActionsProps) {
  const outcome = useRecordFixOutcome(sessionId);
  const proposal = useAnswerOutcomeProposal(sessionId);
  const [prompt, setPrompt] = useState<Prompt>(null);
  const [announcement, setAnnouncement] = useState('');
  const triggerRef = useRef<HTMLButtonElement | null>(null);
  const isBusy = outcome.isPending || proposal.isPending;
  const error = outcome.error ?? proposal.error;

  const record = (
    value: 'applied_success' | 'applied_failed' | 'applied_partial' | 'dismissed',
    text?: string,
  ) => {
    const note = text?.trim();
    outcome.mutate(
      {
        fixId: fix.id,
        outcome: {
          outcome: value,
          ...(value === 'applied_failed' && note ? { failure_reason: note } : {}),
          ...(value === 'applied_partial' && note ? { partial_notes: note } : {}),
        },
      },
      {
        onSuccess: () => {
          setPrompt(null);
          setAnnouncement(outcomeAnnouncements[value]);
        },
      },
    );
  };

  const openPrompt = (next: Prompt, trigger: HTMLButtonElement) => {
    outcome.reset();
    triggerRef.current = trigger;
    setPrompt(next);
  };
  const closePrompt = () => {
    setPrompt(null);
    requestAnimationFrame(() => triggerRef.current?.focus());
  };

  if (isFinishedFix(fix) || isClosed) {
    return (
      <p role="status" className="text-xs text-zinc-400">
        {announcement ||
          finishedLines[fix.status] ||
          'This session is closed; the fix takes no more actions.'}
      </p>
    );
  }

  if (fix.ai_outcome_proposal) {
    return (
      <div className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <Button
            size="sm"
            variant="primary"
            isLoading={proposal.isPending && proposal.variables.accept}
            disabled={isBusy}
            onClick={() =>
              proposal.mutate(
                { fixId: fix.id, accept: true },
                { onSuccess: () => setAnnouncement('Confirmed the assistant’s reading of the outcome.') },
              )
            }
          >
            <IconCheck className="size-3.5" />
            Confirm
          </Button>
          <Button
            size="sm"
            isLoading={proposal.isPending && !proposal.variables.accept}
            disabled={isBusy}
            onClick={() =>
              proposal.mutate(
                { fixId: fix.id, accept: false },
                { onSuccess: () => setAnnouncement('Rejected the proposed outcome; the fix stays open.') },
              )
            }
          >
            Reject
          </Button>
        </div>
        {error !== null && <FormError error={error} fields={[]} />}
        <p role="status" className="sr-only">
          {announcement}
        </p>
      </div>
    );
  }

  return (
    <div className="space-y-2.5">
      <div role="group" aria-label="Fix actions" className="flex flex-wrap items-center gap-1.5">
        <Button size="sm" variant="primary" onClick={onApply} disabled={isBusy} data-fix-apply="">
          <IconWrench className="size-3.5" />
          Apply
        </Button>
        <Button
          size="sm"
          isLoading={outcome.isPending && outcome.variables.outcome.outcome === 'applied_success'}
          disabled={isBusy}
          onClick={() => record('applied_success')}
          data-fix-worked=""
        >
          {!(outcome.isPending && outcome.variables.outcome.outcome === 'applied_success') && (
            <IconCheck className="size-3.5 text-emerald-300" />
          )}
          It worked
        </Button>
        <Button
          size="sm"
          aria-expanded={prompt === 'failed'}
          disabled={isBusy}
          onClick={(event) => openPrompt(prompt === 'failed' ? null : 'failed', event.currentTarget)}
        >
          Didn't work
        </Button>
        <Button
          size="sm"
          aria-expanded={prompt === 'partial'}
          disabled={isBusy}
          onClick={(event) => openPrompt(prompt === 'partial' ? null : 'partial', event.currentTarget)}
        >
          Partially
        </Button>
        <Button
          size="sm"
          variant="ghost"
          aria-expanded={prompt === 'dismiss'}
          disabled={isBusy}
          onClick={(event) => openPrompt(prompt === 'dismiss' ? null : 'dismiss', event.currentTarget)}
          className="ml-auto text-zinc-400"
        >
          Dismiss
        </Button>
      </div>

      {prompt === 'failed' && (
        <OutcomeNoteForm
          label="What happened? (optional)"
          placeholder="The error it showed, or what stayed broken…"
          submitLabel="Record: didn't work"
          isPending={outcome.isPending}
          onSubmit={(text) => record('applied_failed', text)}
          onCancel={closePrompt}
        />
      )}
      {prompt === 'partial' && (
        <OutcomeNoteForm
          label="What worked, and what is left?"
          placeholder="e.g. Outlook stopped prompting, but Teams still asks…"
          submitLabel="Record: partial"
          isPending={outcome.isPending}
          onSubmit={(text) => record('applied_partial', text)}
          onCancel={closePrompt}
        />
      )}
      {prompt === 'dismiss' && (
        <ConfirmDismiss
          isPending={outcome.isPending}
          onConfirm={() => record('dismissed')}
          onCancel={closePrompt}
        />
      )}

      {error !== null && <FormError error={error} fields={['partial_notes', 'failure_reason']} />}
      <p role="status" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}

function OutcomeNoteForm({
  label,
  placeholder,
  submitLabel,
  isPending,
  onSubmit,
  onCancel,
}: {
  label: string;
  placeholder: string;
  submitLabel: string;
  isPending: boolean;
  onSubmit: (text: string) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState('');
  const textareaId = useId();
  useEffect(() => {
    document.getElementById(textareaId)?.focus();
  }, [textareaId]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(text);
  };
  return (
    <form
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
      className="space-y-2 rounded-md bg-zinc-950/60 p-2.5 ring-1 ring-zinc-800"
    >
      <TextAreaField
        id={textareaId}
        label={label}
        value={text}
        onChange={(event) => setText(event.target.value)}
        placeholder={placeholder}
        maxLength={5000}
        className="min-h-16 text-[13px]"
      />
      <div className="flex justify-end gap-2">
        <Button size="sm" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button size="sm" type="submit" variant="primary" isLoading={isPending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

function ConfirmDismiss({
  isPending,
  onConfirm,
  onCancel,
}: {
  isPending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => confirmRef.current?.focus(), []);
  return (
    <div
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
      className="flex flex-wrap items-center justify-between gap-2 rounded-md bg-zinc-950/60 px-2.5 py-2 ring-1 ring-zinc-800"
    >
      <p className="text-[13px] text-zinc-300">Put this fix aside? The assistant can propose another.</p>
      <div className="flex gap-2">
        <Button size="sm" variant="ghost" onClick={onCancel}>
          Keep it
        </Button>
        <Button ref={confirmRef} size="sm" variant="danger" isLoading={isPending} onClick={onConfirm}>
          Dismiss fix
        </Button>
      </div>
    </div>
  );
}
