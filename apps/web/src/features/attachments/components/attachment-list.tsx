import { Spinner } from '../../../components/ui/spinner';
import { attachmentContentUrl, useAttachment } from '../api/get-attachment';
import type { Attachment } from '../types';

/**
 * Attachments as they show in the transcript and on the intake card: a thumbnail that opens the
 * image, the text read from it beside it (with progress while OCR runs), and a preview of logs.
 */
export function AttachmentList({ items }: { items: readonly Attachment[] }) {
  if (items.length === 0) return null;
  return (
    <ul aria-label="Attachments" className="mt-2 flex flex-col gap-2">
      {items.map((item) => (
        <AttachmentItem key={item.id} initial={item} />
      ))}
    </ul>
  );
}

function AttachmentItem({ initial }: { initial: Attachment }) {
  const { data } = useAttachment(initial.id, initial);
  const item = data ?? initial;
  const url = attachmentContentUrl(item.id);
  return (
    <li className="flex gap-3 rounded-md bg-zinc-900/60 p-2 ring-1 ring-zinc-800">
      {item.kind === 'image' ? (
        <a
          href={url}
          target="_blank"
          rel="noreferrer"
          className="shrink-0"
          aria-label={`Open ${item.filename}`}
        >
          <img
            src={url}
            alt={`Screenshot ${item.filename}`}
            className="h-20 w-32 rounded object-cover object-top ring-1 ring-zinc-700"
          />
        </a>
      ) : (
        <a
          href={url}
          className="grid h-20 w-16 shrink-0 place-items-center rounded bg-zinc-950 text-[10px] text-zinc-400 ring-1 ring-zinc-700"
          aria-label={`Download ${item.filename}`}
        >
          LOG
        </a>
      )}
      <div className="min-w-0 flex-1 text-xs">
        <p className="truncate font-medium text-zinc-200">{item.filename}</p>
        {item.extraction_status === 'pending' ? (
          <p className="mt-1 inline-flex items-center gap-1.5 text-zinc-400" role="status">
            <Spinner className="size-3" /> Reading the text in this image…
          </p>
        ) : item.extraction_status === 'failed' ? (
          <p className="mt-1 text-amber-300">
            {item.extraction_error ?? 'The text in this image could not be read.'}
          </p>
        ) : item.extracted_text ? (
          <details className="mt-1" open={item.kind === 'image'}>
            <summary className="cursor-pointer text-zinc-400">
              {item.kind === 'image' ? 'Text read from the image' : 'Preview'}
            </summary>
            <pre className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap break-words rounded bg-zinc-950 p-2 font-mono text-[11px] text-zinc-300">
              {item.kind === 'image' ? item.extracted_text : item.extracted_text.slice(0, 4000)}
            </pre>
          </details>
        ) : (
          <p className="mt-1 text-zinc-500">No text found.</p>
        )}
      </div>
    </li>
  );
}
