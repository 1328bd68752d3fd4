import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { CodeBlock } from '../../../components/ui/code-block';
import { ErrorState } from '../../../components/ui/error-state';
import { FormError } from '../../../components/ui/form-error';
import { IconTrash } from '../../../components/ui/icons';
import { InlineMarkdown, Markdown } from '../../../components/ui/markdown';
import { Skeleton } from '../../../components/ui/skeleton';
import { isApiError } from '../../../lib/api-client';
import { cn } from '../../../lib/cn';
import { useCreateFact } from '../api/create-fact';
import { useDeleteFact } from '../api/delete-fact';
import { useFacts } from '../api/list-facts';
import { useUpdateFact } from '../api/update-fact';
import type { Fact, SessionDetail } from '../types';
import { proposedAtHint, proposedAtLabel } from '../../fixes/components/fix-outcome-labels';
import { fixStateTone, isShownFix } from './fix-labels';
import { IconPencil } from './icon-pencil';
import { LeaningSection } from './leaning-section';
import { isClosedStatus } from './session-labels';

type ItemState = SessionDetail['task_lane']['questions'][number]['state'];

const itemStateLabels: Record<ItemState, string> = {
  open: 'Open',
  answered: 'Answered',
  done: 'Done',
  skipped: 'Skipped',
};
const itemStateTones: Record<ItemState, 'neutral' | 'accent' | 'success' | 'warning'> = {
  open: 'accent',
  answered: 'success',
  done: 'success',
  skipped: 'neutral',
};

const factKindLabels: Record<Fact['kind'], string> = {
  engineer_note: 'Note',
  ai_promoted: 'Confirmed',
  question: 'Answer',
  diagnostic_check: 'Check',
};

function LaneSection({
  title,
  count,
  children,
}: {
  title: string;
  count?: number | undefined;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="space-y-2.5">
      <h2
        id={headingId}
        className="flex items-center gap-2 text-xs font-semibold tracking-wide text-zinc-300 uppercase"
      >
        {title}
        {count !== undefined && count > 0 && (
          <span className="rounded bg-zinc-800 px-1.5 text-[11px] font-medium text-zinc-400 tabular-nums">
            {count}
          </span>
        )}
      </h2>
      {children}
    </section>
  );
}

const emptyLine = (text: string) => <p className="text-[13px] text-zinc-500">{text}</p>;

export function TaskLane({ session }: { session: SessionDetail }) {
  const { questions, actions } = session.task_lane;
  const fix = isShownFix(session.active_fix) ? session.active_fix : null;
  const proposedAt = fix && proposedAtLabel(fix);
  return (
    <div className="space-y-6">
      <FactsSection sessionId={session.id} isReadOnly={isClosedStatus(session.status)} />

      {!isClosedStatus(session.status) && (
        <LeaningSection sessionId={session.id} stateVersion={session.state_version} />
      )}

      <LaneSection title="Questions" count={questions.length}>
        {questions.length === 0 ? (
          emptyLine('The assistant’s questions appear here.')
        ) : (
          <ul className="space-y-2">
            {questions.map((question) => (
              <li key={question.id} className="rounded-md bg-zinc-900/70 px-3 py-2 ring-1 ring-zinc-800">
                <div className="flex items-start gap-2">
                  <p
                    className={cn(
                      'min-w-0 flex-1 text-[13px]',
                      question.state === 'open' ? 'text-zinc-100' : 'text-zinc-400',
                    )}
                  >
                    <InlineMarkdown source={question.text} />
                  </p>
                  <Badge tone={itemStateTones[question.state]} className="shrink-0">
                    {itemStateLabels[question.state]}
                  </Badge>
                </div>
                {question.answer && (
                  <p className="mt-1 text-xs text-zinc-300">
                    <span className="text-zinc-500">Answer: </span>
                    {question.answer}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </LaneSection>

      <LaneSection title="Diagnostic checks" count={actions.length}>
        {actions.length === 0 ? (
          emptyLine('Checks to run appear here, with their commands.')
        ) : (
          <ul className="space-y-3">
            {actions.map((action) => (
              <li key={action.id} className="space-y-1.5">
                <div className="flex items-start gap-2">
                  <p className="min-w-0 flex-1 text-[13px] font-medium text-zinc-100">
                    <InlineMarkdown source={action.title} />
                  </p>
                  <Badge tone={itemStateTones[action.state]} className="shrink-0">
                    {itemStateLabels[action.state]}
                  </Badge>
                </div>
                {action.command && (
                  <CodeBlock code={action.command} language={action.language} copyLabel="Copy" wrap />
                )}
                {action.result && <p className="text-xs text-zinc-300">{action.result}</p>}
              </li>
            ))}
          </ul>
        )}
      </LaneSection>

      <LaneSection title="Suggested fix">
        {fix ? (
          <div className="space-y-2 rounded-md bg-zinc-900/70 px-3 py-2.5 ring-1 ring-zinc-800">
            <div className="flex items-start gap-2">
              <p className="min-w-0 flex-1 text-[13px] font-semibold text-zinc-50">{fix.title}</p>
              <Badge tone={fixStateTone(fix.state_label)} className="shrink-0">
                {fix.state_label}
              </Badge>
            </div>
            <p className="text-xs text-zinc-400">
              {proposedAt ? (
                <span title={proposedAtHint} className="tabular-nums">
                  {proposedAt.replace(/^p/, 'P')}
                </span>
              ) : (
                <>
                  Outcome: <span className="text-zinc-200">{fix.state_label}</span> · proposed
                </>
              )}
              {fix.source === 'engineer' ? ' by you' : ' by the assistant'}
              {fix.script_language && ` · ${fix.script_language}`}
            </p>
            {fix.description && (
              <Markdown source={fix.description} className="space-y-2 text-[13px] text-zinc-300" />
            )}
            {fix.ai_drafted_script && (
              <CodeBlock
                code={fix.ai_drafted_script}
                language={fix.script_language ?? undefined}
                copyLabel="Copy script"
              />
            )}
          </div>
        ) : (
          emptyLine('No fix yet. The assistant proposes one once the answers point to a cause.')
        )}
      </LaneSection>
    </div>
  );
}

function FactsSection({ sessionId, isReadOnly }: { sessionId: string; isReadOnly: boolean }) {
  const facts = useFacts(sessionId);
  const createFact = useCreateFact(sessionId);
  const [note, setNote] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();

  const addNote = (event: FormEvent) => {
    event.preventDefault();
    const text = note.trim();
    if (!text) return;
    createFact.mutate(text, {
      onSuccess: () => {
        setNote('');
        inputRef.current?.focus();
      },
    });
  };

  const items = facts.data?.items ?? [];
  const noteError = isApiError(createFact.error) ? createFact.error.fieldError('text') : undefined;

  return (
    <LaneSection title="What we know" count={items.length}>
      {facts.isPending ? (
        <div aria-busy="true" aria-label="Loading facts" className="space-y-2">
          <Skeleton className="h-4 w-4/5" />
          <Skeleton className="h-4 w-3/5" />
        </div>
      ) : facts.isError ? (
        <ErrorState
          title="Couldn't load what we know"
          error={facts.error}
          onRetry={() => void facts.refetch()}
          isRetrying={facts.isFetching}
        />
      ) : items.length === 0 ? (
        emptyLine('Confirmed facts and your notes appear here.')
      ) : (
        <ul className="space-y-1.5">
          {items.map((fact) => (
            <FactItem
              key={fact.id}
              sessionId={sessionId}
              fact={fact}
              canChange={!isReadOnly && isEditableFact(fact)}
              onRemoved={() => inputRef.current?.focus()}
            />
          ))}
        </ul>
      )}
      {!isReadOnly && (
        <form onSubmit={addNote} className="space-y-1.5">
          <label htmlFor={inputId} className="sr-only">
            Add a note
          </label>
          <div className="flex gap-2">
            <input
              ref={inputRef}
              id={inputId}
              value={note}
              onChange={(event) => setNote(event.target.value)}
              placeholder="Add a note…"
              autoComplete="off"
              aria-invalid={noteError ? true : undefined}
              className="h-8 min-w-0 flex-1 rounded-md bg-zinc-900 px-2.5 text-[13px] text-zinc-100 ring-1 ring-inset ring-zinc-700 placeholder:text-zinc-500 hover:ring-zinc-600 focus:ring-2 focus:ring-sky-400 focus:outline-none"
            />
            <Button type="submit" size="sm" isLoading={createFact.isPending} disabled={!note.trim()}>
              Add note
            </Button>
          </div>
          {createFact.error !== null && <FormError error={createFact.error} fields={[]} />}
        </form>
      )}
    </LaneSection>
  );
}

/**
 * Notes and the facts the assistant confirmed can be corrected or taken out (they flow into
 * the note and the package); answers and check results follow their task-lane item instead.
 */
const isEditableFact = (fact: Fact) => fact.kind === 'engineer_note' || fact.kind === 'ai_promoted';

type FactMode = 'view' | 'edit' | 'confirm-remove';

const iconButton =
  'grid size-6 shrink-0 place-items-center rounded text-zinc-500 hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-sky-400 disabled:opacity-50';

function FactItem({
  sessionId,
  fact,
  canChange,
  onRemoved,
}: {
  sessionId: string;
  fact: Fact;
  canChange: boolean;
  onRemoved: () => void;
}) {
  const updateFact = useUpdateFact(sessionId);
  const deleteFact = useDeleteFact(sessionId);
  const [mode, setMode] = useState<FactMode>('view');
  const [draft, setDraft] = useState('');
  const editRef = useRef<HTMLButtonElement>(null);
  const removeRef = useRef<HTMLButtonElement>(null);
  const editorRef = useRef<HTMLTextAreaElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const editorId = useId();
  const errorId = useId();

  // Where focus goes back to when a mode ends (the row's button): applied by the effect below once
  // React has committed the row again; a frame callback could run before that commit when busy.
  const returnFocusRef = useRef<RefObject<HTMLElement | null> | null>(null);
  // Focus follows the mode: into the editor (caret at the end), onto the confirmation, or back.
  useEffect(() => {
    if (mode === 'edit') {
      const editor = editorRef.current;
      editor?.focus();
      editor?.setSelectionRange(editor.value.length, editor.value.length);
    } else if (mode === 'confirm-remove') {
      confirmRef.current?.focus();
    } else if (returnFocusRef.current) {
      returnFocusRef.current.current?.focus();
      returnFocusRef.current = null;
    }
  }, [mode]);
  const focusAfter = (target: RefObject<HTMLElement | null>) => {
    returnFocusRef.current = target;
  };

  const startEdit = () => {
    updateFact.reset();
    setDraft(fact.text);
    setMode('edit');
  };
  const cancelEdit = () => {
    setMode('view');
    focusAfter(editRef);
  };
  const save = (event?: FormEvent) => {
    event?.preventDefault();
    const text = draft.trim();
    if (!text) return;
    if (text === fact.text) return cancelEdit();
    updateFact.mutate(
      { factId: fact.id, text },
      {
        onSuccess: () => {
          setMode('view');
          focusAfter(editRef);
        },
      },
    );
  };
  const askRemove = () => {
    deleteFact.reset();
    setMode('confirm-remove');
  };
  const keep = () => {
    setMode('view');
    focusAfter(removeRef);
  };
  const remove = () => deleteFact.mutate(fact.id, { onSuccess: onRemoved });

  const kindBadge = (
    <span
      className={cn(
        'mt-0.5 shrink-0 rounded px-1 text-[10px] font-medium tracking-wide uppercase',
        fact.kind === 'engineer_note' ? 'bg-violet-950/70 text-violet-200' : 'bg-zinc-800 text-zinc-400',
      )}
    >
      {factKindLabels[fact.kind]}
    </span>
  );

  if (mode === 'edit') {
    const textError = isApiError(updateFact.error) ? updateFact.error.fieldError('text') : undefined;
    return (
      <li className="space-y-1.5 rounded-md bg-zinc-900/70 p-2 ring-1 ring-zinc-800">
        <form
          onSubmit={save}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              cancelEdit();
            }
          }}
          className="space-y-1.5"
        >
          <label htmlFor={editorId} className="sr-only">
            Edit fact
          </label>
          <textarea
            id={editorId}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              // Enter saves, as in a one-line field; Shift+Enter starts a new line.
              if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) save(event);
            }}
            ref={editorRef}
            rows={Math.min(6, Math.max(2, Math.ceil(draft.length / 38)))}
            maxLength={5000}
            aria-invalid={textError ? true : undefined}
            aria-describedby={updateFact.error ? errorId : undefined}
            className="block w-full resize-y rounded-md bg-zinc-950 px-2 py-1.5 text-[13px] text-zinc-100 ring-1 ring-inset ring-zinc-700 focus:ring-2 focus:ring-sky-400 focus:outline-none"
          />
          <div className="flex items-center justify-end gap-1.5">
            <Button size="sm" variant="ghost" onClick={cancelEdit} className="h-7">
              Cancel
            </Button>
            <Button
              type="submit"
              size="sm"
              variant="primary"
              className="h-7"
              isLoading={updateFact.isPending}
              disabled={!draft.trim()}
            >
              Save
            </Button>
          </div>
          {updateFact.error !== null && (
            <div id={errorId}>
              <FormError error={updateFact.error} fields={[]} />
            </div>
          )}
        </form>
      </li>
    );
  }

  return (
    <li className="space-y-1.5">
      <div className="flex items-start gap-2 text-[13px] text-zinc-200">
        {kindBadge}
        {fact.kind === 'engineer_note' ? (
          // The engineer's own words, as typed.
          <span className="min-w-0 flex-1 break-words whitespace-pre-wrap">{fact.text}</span>
        ) : (
          <InlineMarkdown source={fact.text} className="min-w-0 flex-1" />
        )}
        {canChange && mode === 'view' && (
          <span className="-my-0.5 flex shrink-0">
            <button
              ref={editRef}
              type="button"
              onClick={startEdit}
              aria-label={`Edit: ${fact.text}`}
              title="Edit"
              className={cn(iconButton, 'hover:text-zinc-100')}
            >
              <IconPencil className="size-3.5" />
            </button>
            <button
              ref={removeRef}
              type="button"
              onClick={askRemove}
              aria-label={`Remove: ${fact.text}`}
              title="Remove"
              className={cn(iconButton, 'hover:text-red-300')}
            >
              <IconTrash className="size-3.5" />
            </button>
          </span>
        )}
      </div>
      {mode === 'confirm-remove' && (
        <div
          role="group"
          aria-label="Remove this fact?"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              keep();
            }
          }}
          className="space-y-1.5 rounded-md bg-zinc-950/60 px-2.5 py-2 ring-1 ring-zinc-800"
        >
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="text-[13px] text-zinc-300">Remove this fact?</p>
            <div className="flex gap-1.5">
              <Button size="sm" variant="ghost" className="h-7" onClick={keep}>
                Keep
              </Button>
              <Button
                ref={confirmRef}
                size="sm"
                variant="danger"
                className="h-7"
                isLoading={deleteFact.isPending}
                onClick={remove}
              >
                Remove
              </Button>
            </div>
          </div>
          <p className="text-xs text-zinc-500">
            It leaves the note and the package; the activity log keeps it.
          </p>
          <FormError error={deleteFact.error} fields={[]} />
        </div>
      )}
    </li>
  );
}
