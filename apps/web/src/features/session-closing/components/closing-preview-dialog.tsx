import { useId, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { Alert } from '../../../components/ui/alert';
import { Button, buttonClasses } from '../../../components/ui/button';
import { CopyButton } from '../../../components/ui/copy-button';
import { ErrorState } from '../../../components/ui/error-state';
import { FormError } from '../../../components/ui/form-error';
import { IconClose } from '../../../components/ui/icons';
import { Markdown } from '../../../components/ui/markdown';
import { Skeleton } from '../../../components/ui/skeleton';
import { Spinner } from '../../../components/ui/spinner';
import { cn } from '../../../lib/cn';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { usePostClosingText } from '../api/post-closing-text';
import { usePreviewClosingText } from '../api/preview-closing-text';
import type { ClosingKind, CloseSessionResponse, SessionDetail } from '../types';
import { closingCopy, isVerifyingFix } from './closing-labels';
import { IconDownload } from './icon-download';
import { downloadMarkdown, markdownFilename } from './markdown-file';
import { ModalDialog } from '../../../components/ui/modal-dialog';

/** How long the session must stay still before the text is composed again. */
const RECOMPOSE_DELAY_MS = 600;

type View = 'edit' | 'preview';

interface ClosingPreviewDialogProps {
  session: SessionDetail;
  kind: ClosingKind;
  onClose: () => void;
  onPosted: (response: CloseSessionResponse) => void;
  returnFocusRef: RefObject<HTMLElement | null>;
}

/**
 * Resolve / Escalate: the generated note or package, editable, with a rendered preview, Copy,
 * Download .md and the post button. The text follows the session while it is untouched (the
 * assistant may still be writing); once edited, a newer version is offered instead of forced.
 */
export function ClosingPreviewDialog({
  session,
  kind,
  onClose,
  onPosted,
  returnFocusRef,
}: ClosingPreviewDialogProps) {
  const copy = closingCopy[kind];
  const headingId = useId();
  const descriptionId = useId();
  const tabsId = useId();
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const tabRefs = useRef<Record<View, HTMLButtonElement | null>>({ edit: null, preview: null });

  const version = useDebouncedValue(session.state_version, RECOMPOSE_DELAY_MS);
  const preview = usePreviewClosingText(session.id, kind, version);
  const post = usePostClosingText(session.id);

  const [view, setView] = useState<View>('edit');
  // Null while the engineer has not touched the text: it then follows the latest preview.
  const [edited, setEdited] = useState<{ text: string; base: string } | null>(null);

  const generated = preview.data?.markdown;
  const text = edited?.text ?? generated ?? '';
  const hasNewerText = edited !== null && generated !== undefined && generated !== edited.base;
  const isEmpty = text.trim().length === 0;
  const filename = markdownFilename(session.title, kind);
  // Resolving while Verifying is the engineer saying the fix worked; the server records it on post.
  const verifyingFix =
    kind === 'resolution_note' && isVerifyingFix(session.active_fix) ? session.active_fix : null;

  const submit = () => {
    if (isEmpty || post.isPending) return;
    // Untouched text is composed again by the server at post time, from the state it closes
    // (with the Verifying fix already recorded as worked); an edit is posted as written.
    const body = edited ? { markdown: edited.text } : {};
    post.mutate({ kind, body }, { onSuccess: onPosted });
  };

  const onTabKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) return;
    event.preventDefault();
    const next: View =
      event.key === 'Home' ? 'edit' : event.key === 'End' ? 'preview' : view === 'edit' ? 'preview' : 'edit';
    setView(next);
    tabRefs.current[next]?.focus();
  };

  const tab = (value: View, label: string) => (
    <button
      ref={(element) => {
        tabRefs.current[value] = element;
      }}
      type="button"
      role="tab"
      id={`${tabsId}-${value}-tab`}
      aria-selected={view === value}
      aria-controls={`${tabsId}-${value}`}
      tabIndex={view === value ? 0 : -1}
      onClick={() => setView(value)}
      onKeyDown={onTabKeyDown}
      className={cn(
        'h-7 rounded px-2.5 text-xs font-medium transition-colors',
        view === value ? 'bg-zinc-700/80 text-zinc-50 shadow-sm' : 'text-zinc-400 hover:text-zinc-100',
      )}
    >
      {label}
    </button>
  );

  return (
    <ModalDialog
      labelledBy={headingId}
      describedBy={descriptionId}
      onClose={onClose}
      isLocked={post.isPending}
      initialFocusRef={textareaRef}
      returnFocusRef={returnFocusRef}
      className="max-w-3xl"
    >
      <div className="flex h-[min(52rem,calc(100dvh-2rem))] flex-col">
        <header className="flex items-start gap-3 border-b border-zinc-800 px-5 pt-4 pb-3.5">
          <div className="min-w-0 flex-1 space-y-1">
            <p className="truncate text-[11px] font-medium tracking-wide text-zinc-400 uppercase">
              {kind === 'resolution_note' ? 'Resolve' : 'Escalate'} · {session.title || 'Untitled session'}
            </p>
            <h2 id={headingId} className="text-base font-semibold text-zinc-50">
              {copy.title}
            </h2>
            <p id={descriptionId} className="max-w-prose text-[13px] text-zinc-400">
              {copy.description}
            </p>
          </div>
          <button
            type="button"
            onClick={() => !post.isPending && onClose()}
            className={buttonClasses('ghost', 'sm', 'size-8 px-0')}
          >
            <IconClose className="size-4" />
            <span className="sr-only">Close</span>
          </button>
        </header>

        <div className="flex min-h-0 flex-1 flex-col gap-3 px-5 py-3.5">
          {verifyingFix && (
            <Alert tone="info" className="shrink-0">
              <p>
                <span className="font-medium text-zinc-100">{verifyingFix.title}</span> is Verifying.
                Resolving records it as <span className="font-medium text-emerald-200">worked</span>
                {edited
                  ? '. You edited the note, so it is posted as you wrote it: make sure it says so.'
                  : ', and the posted note is composed with that outcome.'}
              </p>
            </Alert>
          )}
          {hasNewerText && (
            <Alert tone="info" className="shrink-0">
              <p>The session changed while you were editing.</p>
              <button
                type="button"
                onClick={() => setEdited(null)}
                className="mt-1 text-xs font-medium text-zinc-100 underline underline-offset-2"
              >
                Use the updated text (drops your edits)
              </button>
            </Alert>
          )}

          <div className="flex shrink-0 items-center justify-between gap-3">
            <div
              role="tablist"
              aria-label={`${copy.title} view`}
              className="inline-flex rounded-md bg-zinc-950/70 p-0.5 ring-1 ring-zinc-800"
            >
              {tab('edit', 'Edit')}
              {tab('preview', 'Preview')}
            </div>
            <p role="status" className="flex items-center gap-1.5 text-xs text-zinc-400">
              {preview.isFetching && preview.data ? (
                <>
                  <Spinner className="size-3" />
                  Updating to the latest session state…
                </>
              ) : edited ? (
                'Edited — posted as you wrote it'
              ) : preview.data ? (
                'Composed from the session as it is now'
              ) : null}
            </p>
          </div>

          {preview.isError && !preview.data && (
            <ErrorState
              className="shrink-0"
              title={`Couldn't compose the ${copy.noun}`}
              error={preview.error}
              onRetry={() => void preview.refetch()}
              isRetrying={preview.isFetching}
            />
          )}

          <div className="relative min-h-0 flex-1">
            <div
              role="tabpanel"
              id={`${tabsId}-edit`}
              aria-labelledby={`${tabsId}-edit-tab`}
              hidden={view !== 'edit'}
              className="h-full"
            >
              <textarea
                ref={textareaRef}
                aria-label="Markdown"
                aria-busy={preview.isPending || undefined}
                readOnly={!preview.data && !edited}
                value={text}
                onChange={(event) =>
                  setEdited({ text: event.target.value, base: edited?.base ?? generated ?? '' })
                }
                spellCheck
                className={cn(
                  'block h-full w-full resize-none rounded-md bg-zinc-950 px-3.5 py-3 font-mono text-[12.5px] leading-relaxed text-zinc-100',
                  'ring-1 ring-zinc-800 ring-inset focus:ring-2 focus:ring-sky-400 focus:outline-none',
                )}
              />
              {preview.isPending && (
                <div className="pointer-events-none absolute inset-x-3.5 top-3.5 space-y-2.5">
                  <p className="sr-only">Composing the {copy.noun}…</p>
                  <Skeleton className="h-4 w-1/2" />
                  <Skeleton className="h-3 w-1/3" />
                  <Skeleton className="h-3 w-5/6" />
                  <Skeleton className="h-3 w-2/3" />
                  <Skeleton className="h-3 w-3/4" />
                </div>
              )}
            </div>
            <div
              role="tabpanel"
              id={`${tabsId}-preview`}
              aria-labelledby={`${tabsId}-preview-tab`}
              hidden={view !== 'preview'}
              tabIndex={0}
              className="h-full overflow-y-auto rounded-md bg-zinc-950/60 px-4 py-3 text-[13px] leading-relaxed text-zinc-300 ring-1 ring-zinc-800 ring-inset focus-visible:ring-2 focus-visible:ring-sky-400 focus-visible:outline-none"
            >
              {isEmpty ? <p className="text-zinc-500">Nothing to preview.</p> : <Markdown source={text} />}
            </div>
          </div>
          <FormError error={post.error} fields={['markdown']} />
        </div>

        <footer className="flex flex-wrap items-center gap-2 border-t border-zinc-800 bg-zinc-900/80 px-5 py-3">
          <CopyButton text={text} label="Copy" />
          <button
            type="button"
            disabled={isEmpty}
            onClick={() => downloadMarkdown(filename, text)}
            title={filename}
            className={buttonClasses('ghost', 'sm', 'h-7 px-2 text-xs text-zinc-400 hover:text-zinc-100')}
          >
            <IconDownload className="size-3.5" />
            Download .md
          </button>
          <div className="ml-auto flex items-center gap-2">
            <Button size="sm" variant="ghost" onClick={onClose} disabled={post.isPending}>
              Cancel
            </Button>
            <Button
              size="sm"
              variant="primary"
              onClick={submit}
              isLoading={post.isPending}
              disabled={isEmpty || preview.isPending}
            >
              {copy.post}
            </Button>
          </div>
        </footer>
      </div>
    </ModalDialog>
  );
}
