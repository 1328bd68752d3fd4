import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { CodeBlock } from '../../../components/ui/code-block';
import { ErrorState } from '../../../components/ui/error-state';
import { FormError } from '../../../components/ui/form-error';
import { IconTrash } from '../../../components/ui/icons';
import { Markdown } from '../../../components/ui/markdown';
import { Skeleton } from '../../../components/ui/skeleton';
import { isApiError } from '../../../lib/api-client';
import { cn } from '../../../lib/cn';
import { useCreateFact } from '../api/create-fact';
import { useDeleteFact } from '../api/delete-fact';
import { useFacts } from '../api/list-facts';
import type { Fact, SessionDetail } from '../types';
import { fixStateTone, isShownFix } from './fix-labels';

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
  return (
    <div className="space-y-6">
      <FactsSection sessionId={session.id} />

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
                    {question.text}
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
                  <p className="min-w-0 flex-1 text-[13px] font-medium text-zinc-100">{action.title}</p>
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
              Confidence <span className="text-zinc-200 tabular-nums">{fix.confidence_pct}%</span>
              {' · '}
              {fix.source === 'engineer' ? 'proposed by you' : 'proposed by the assistant'}
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

function FactsSection({ sessionId }: { sessionId: string }) {
  const facts = useFacts(sessionId);
  const createFact = useCreateFact(sessionId);
  const deleteFact = useDeleteFact(sessionId);
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
  const deletingId = deleteFact.isPending ? deleteFact.variables : undefined;
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
            <li key={fact.id} className="group flex items-start gap-2 text-[13px] text-zinc-200">
              <span
                className={cn(
                  'mt-0.5 shrink-0 rounded px-1 text-[10px] font-medium tracking-wide uppercase',
                  fact.kind === 'engineer_note'
                    ? 'bg-violet-950/70 text-violet-200'
                    : 'bg-zinc-800 text-zinc-400',
                )}
              >
                {factKindLabels[fact.kind]}
              </span>
              <span className="min-w-0 flex-1 break-words">{fact.text}</span>
              {fact.kind === 'engineer_note' && (
                <button
                  type="button"
                  onClick={() => deleteFact.mutate(fact.id)}
                  disabled={deletingId === fact.id}
                  aria-label={`Delete note: ${fact.text}`}
                  title="Delete note"
                  className="grid size-6 shrink-0 place-items-center rounded text-zinc-500 hover:bg-zinc-800 hover:text-red-300 disabled:opacity-50"
                >
                  <IconTrash className="size-3.5" />
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <FormError error={deleteFact.error} fields={[]} />
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
    </LaneSection>
  );
}
