import { useId, useState, type FormEvent } from 'react';
import { Alert } from '../../../components/ui/alert';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { CodeBlock } from '../../../components/ui/code-block';
import { ErrorState } from '../../../components/ui/error-state';
import { TextAreaField, TextField } from '../../../components/ui/field';
import { FormError } from '../../../components/ui/form-error';
import { Skeleton } from '../../../components/ui/skeleton';
import { isApiError } from '../../../lib/api-client';
import { formatDateTime, formatRelativeTime } from '../../../lib/format-relative-time';
import { useAcceptDraftTemplate } from '../api/accept-draft-template';
import { usePendingDrafts } from '../api/list-draft-templates';
import { useRejectDraftTemplate } from '../api/reject-draft-template';
import type { AcceptDraftRequest, DraftTemplate } from '../types';
import { languageLabels } from './parameter-values';

export const DRAFT_REVIEW_ID = 'draft-review';

/**
 * The owner's review queue: scripts engineers ran with "Run now, templatize after". Accepting
 * (optionally after editing) promotes a draft into the library; rejecting closes it.
 */
export function DraftReview() {
  const drafts = usePendingDrafts({ enabled: true });
  const headingId = useId();
  const [lastAccepted, setLastAccepted] = useState<string | null>(null);
  const items = drafts.data?.items ?? [];

  return (
    <section
      id={DRAFT_REVIEW_ID}
      aria-labelledby={headingId}
      className="scroll-mt-20 rounded-lg bg-zinc-900/60 ring-1 ring-zinc-800"
    >
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-zinc-800 px-4 py-3">
        <div className="min-w-0">
          <h2 id={headingId} className="flex items-center gap-2 text-sm font-semibold text-zinc-100">
            Draft review
            {drafts.data && (
              <Badge tone={drafts.data.pending_count > 0 ? 'warning' : 'neutral'}>
                {drafts.data.pending_count} pending
              </Badge>
            )}
          </h2>
          <p className="mt-0.5 text-[13px] text-zinc-400">
            Scripts engineers ran and asked to keep. Accept to add one to the library, or reject it.
          </p>
        </div>
      </div>
      <div className="space-y-3 p-4">
        {lastAccepted && (
          <Alert tone="success">
            “{lastAccepted}” is in the library now.{' '}
            <button
              type="button"
              onClick={() => setLastAccepted(null)}
              className="font-medium underline underline-offset-2"
            >
              Dismiss
            </button>
          </Alert>
        )}
        {drafts.isPending ? (
          <div aria-busy="true" aria-label="Loading drafts" className="space-y-2">
            <Skeleton className="h-24 w-full" />
          </div>
        ) : drafts.isError ? (
          <ErrorState
            title="Couldn't load the review queue"
            error={drafts.error}
            onRetry={() => void drafts.refetch()}
            isRetrying={drafts.isFetching}
          />
        ) : items.length === 0 ? (
          <p className="text-[13px] text-zinc-500">No drafts waiting for review.</p>
        ) : (
          <ul aria-label="Pending drafts" className="space-y-3">
            {items.map((draft) => (
              <li key={draft.id}>
                <DraftCard
                  draft={draft}
                  onAccepted={setLastAccepted}
                  onRefresh={() => void drafts.refetch()}
                />
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function DraftCard({
  draft,
  onAccepted,
  onRefresh,
}: {
  draft: DraftTemplate;
  onAccepted: (name: string) => void;
  onRefresh: () => void;
}) {
  const accept = useAcceptDraftTemplate();
  const reject = useRejectDraftTemplate();
  const [isEditing, setIsEditing] = useState(false);
  const [name, setName] = useState(draft.proposed_name);
  const [category, setCategory] = useState('');
  const [body, setBody] = useState(draft.body);
  const headingId = useId();
  const editId = useId();
  const error = accept.error ?? reject.error;
  const isConflict = isApiError(error) && error.status === 409;
  const isBusy = accept.isPending || reject.isPending;

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    reject.reset();
    const changes: AcceptDraftRequest = {};
    if (isEditing) {
      if (name.trim() && name.trim() !== draft.proposed_name) changes.name = name.trim();
      if (category.trim()) changes.category = category.trim();
      if (body !== draft.body) changes.edited_body = body;
    }
    accept.mutate({ id: draft.id, changes }, { onSuccess: ({ template }) => onAccepted(template.name) });
  };

  return (
    <article
      aria-labelledby={headingId}
      className="space-y-3 rounded-md bg-zinc-950/50 p-3 ring-1 ring-zinc-800"
    >
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 id={headingId} className="text-[13px] font-semibold text-zinc-50">
            {draft.proposed_name}
          </h3>
          <p className="text-xs text-zinc-400">
            {languageLabels[draft.language]}
            {draft.created_by_name && ` · by ${draft.created_by_name}`}
            {draft.session_title && ` · from “${draft.session_title}”`}
            {' · '}
            <time dateTime={draft.created_at} title={formatDateTime(draft.created_at)}>
              {formatRelativeTime(draft.created_at)}
            </time>
          </p>
        </div>
        <Badge tone="warning">Pending</Badge>
      </header>

      {!isEditing && (
        <CodeBlock
          code={draft.body}
          language={draft.language}
          copyLabel="Copy draft"
          className="[&_pre]:max-h-60 [&_pre]:overflow-y-auto"
        />
      )}

      {isEditing && (
        <form id={editId} onSubmit={submit} className="space-y-3">
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField
              label="Template name"
              value={name}
              onChange={(event) => setName(event.target.value)}
              maxLength={200}
              error={isApiError(accept.error) ? accept.error.fieldError('name') : undefined}
            />
            <TextField
              label="Category"
              value={category}
              onChange={(event) => setCategory(event.target.value)}
              placeholder="General"
              maxLength={100}
              error={isApiError(accept.error) ? accept.error.fieldError('category') : undefined}
            />
          </div>
          <TextAreaField
            label="Script body"
            value={body}
            onChange={(event) => setBody(event.target.value)}
            spellCheck={false}
            className="min-h-48 font-mono text-[12.5px]"
            hint="Place each parameter bare as {{name}}; rendering adds the quotes."
            error={isApiError(accept.error) ? accept.error.fieldError('edited_body') : undefined}
          />
        </form>
      )}

      {error !== null && (
        <div className="space-y-2">
          {isConflict ? (
            <Alert tone="error" title="Someone has already reviewed this draft">
              <p>{error.detail ?? error.title}</p>
              <button
                type="button"
                onClick={onRefresh}
                className="mt-1 font-medium underline underline-offset-2"
              >
                Refresh the queue
              </button>
            </Alert>
          ) : (
            <FormError error={error} fields={isEditing ? ['name', 'category', 'edited_body'] : []} />
          )}
        </div>
      )}

      <div className="flex flex-wrap items-center gap-2">
        <Button
          size="sm"
          variant="primary"
          type={isEditing ? 'submit' : 'button'}
          form={isEditing ? editId : undefined}
          onClick={isEditing ? undefined : () => submit()}
          isLoading={accept.isPending}
          disabled={isBusy}
        >
          Accept
        </Button>
        <Button
          size="sm"
          variant="danger"
          isLoading={reject.isPending}
          disabled={isBusy}
          onClick={() => {
            accept.reset();
            reject.mutate(draft.id);
          }}
        >
          Reject
        </Button>
        <Button
          size="sm"
          variant="ghost"
          aria-expanded={isEditing}
          disabled={isBusy}
          onClick={() => setIsEditing((editing) => !editing)}
          className="ml-auto"
        >
          {isEditing ? 'Cancel editing' : 'Edit before accepting'}
        </Button>
      </div>
    </article>
  );
}
