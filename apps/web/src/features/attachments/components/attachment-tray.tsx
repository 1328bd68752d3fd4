import { useId, useRef } from 'react';
import { buttonClasses } from '../../../components/ui/button';
import { Spinner } from '../../../components/ui/spinner';
import type { AttachmentDrafts } from '../hooks/use-attachment-drafts';

/** Types the picker offers; the server still decides from the bytes. */
const ACCEPT =
  'image/png,image/jpeg,image/webp,image/gif,.log,.txt,.csv,.json,.xml,.ps1,.sh,.evtx.txt,text/plain';

/** "Attach files" for the composer and the intake form: a real file input behind a button-styled label. */
export function AttachFilesButton({ drafts, disabled }: { drafts: AttachmentDrafts; disabled?: boolean }) {
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        id={inputId}
        type="file"
        multiple
        accept={ACCEPT}
        disabled={disabled}
        className="sr-only"
        onChange={(event) => {
          if (event.target.files) drafts.add(event.target.files);
          event.target.value = '';
        }}
      />
      <label
        htmlFor={inputId}
        className={buttonClasses(
          'ghost',
          'sm',
          disabled ? 'pointer-events-none opacity-55' : 'cursor-pointer',
        )}
        title="Attach screenshots or log files (or paste a screenshot, or drop files here)"
      >
        Attach
      </label>
    </>
  );
}

/** The files waiting to go with the next message: thumbnails, upload state, refusals, Remove. */
export function AttachmentTray({ drafts }: { drafts: AttachmentDrafts }) {
  if (drafts.drafts.length === 0) return null;
  return (
    <ul aria-label="Files to send" className="flex flex-wrap gap-2 px-3 pt-3">
      {drafts.drafts.map((draft) => (
        <li
          key={draft.localId}
          className={`flex max-w-64 items-center gap-2 rounded-md px-2 py-1.5 text-xs ring-1 ${
            draft.state === 'refused'
              ? 'bg-red-950/40 ring-red-900 text-red-200'
              : 'bg-zinc-800/70 ring-zinc-700 text-zinc-200'
          }`}
        >
          {draft.previewUrl ? (
            <img src={draft.previewUrl} alt="" className="size-10 shrink-0 rounded object-cover" />
          ) : (
            <span
              aria-hidden="true"
              className="grid size-10 shrink-0 place-items-center rounded bg-zinc-900 text-[10px] text-zinc-400"
            >
              LOG
            </span>
          )}
          <span className="min-w-0">
            <span className="block truncate font-medium">{draft.name}</span>
            <span
              className="block text-[11px] text-zinc-400"
              role={draft.state === 'refused' ? 'alert' : undefined}
            >
              {draft.state === 'uploading' ? (
                <span className="inline-flex items-center gap-1">
                  <Spinner className="size-3" /> Uploading…
                </span>
              ) : draft.state === 'refused' ? (
                <span className="text-red-300">{draft.error}</span>
              ) : draft.attachment?.kind === 'image' ? (
                'Screenshot ready; its text is read when sent'
              ) : (
                'Log ready'
              )}
            </span>
          </span>
          <button
            type="button"
            onClick={() => drafts.remove(draft.localId)}
            aria-label={`Remove ${draft.name}`}
            className="ml-1 shrink-0 rounded px-1 text-zinc-400 hover:bg-zinc-700 hover:text-zinc-100 focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none"
          >
            ✕
          </button>
        </li>
      ))}
    </ul>
  );
}
