import { useId, useState } from 'react';
import { buttonClasses } from '../../../components/ui/button';
import { CopyButton } from '../../../components/ui/copy-button';
import { IconAlert, IconCheckCircle, IconChevronDown } from '../../../components/ui/icons';
import { Markdown } from '../../../components/ui/markdown';
import { cn } from '../../../lib/cn';
import { formatDateTime } from '../../../lib/format-relative-time';
import type { SessionDetail } from '../types';
import { IconDownload } from './icon-download';
import { downloadMarkdown, markdownFilename } from './markdown-file';

/** Where focus lands right after posting (the header's buttons are gone by then). */
export const closedHeadingSelector = '[data-closed-session-heading]';

/**
 * A resolved or escalated session is a record: this says so, when, and shows the note or
 * package exactly as posted, to copy or download again. Renders nothing for an open session.
 */
export function ClosedSessionBanner({ session }: { session: SessionDetail }) {
  const headingId = useId();
  const noteId = useId();
  const [isNoteShown, setIsNoteShown] = useState(true);
  if (session.status !== 'resolved' && session.status !== 'escalated') return null;

  const isResolved = session.status === 'resolved';
  const closedAt = isResolved ? session.resolved_at : session.escalated_at;
  const text = (isResolved ? session.resolution_note : session.escalation_package) ?? '';
  const kind = isResolved ? 'resolution_note' : 'escalation_package';
  const noun = isResolved ? 'Resolution note' : 'Escalation package';
  const verb = isResolved ? 'Resolved' : 'Escalated';

  return (
    <section
      aria-labelledby={headingId}
      className={cn(
        'shrink-0 rounded-lg ring-1',
        isResolved
          ? 'bg-gradient-to-b from-emerald-950/50 to-zinc-900/80 ring-emerald-900/70'
          : 'bg-gradient-to-b from-amber-950/45 to-zinc-900/80 ring-amber-900/70',
      )}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2 px-3.5 py-2.5">
        <span
          className={cn(
            'grid size-7 shrink-0 place-items-center rounded-md ring-1',
            isResolved
              ? 'bg-emerald-950 text-emerald-300 ring-emerald-800/70'
              : 'bg-amber-950 text-amber-300 ring-amber-800/70',
          )}
        >
          {isResolved ? <IconCheckCircle className="size-3.5" /> : <IconAlert className="size-3.5" />}
        </span>
        <div className="min-w-0 flex-1">
          <h2
            id={headingId}
            tabIndex={-1}
            data-closed-session-heading=""
            className="text-[13px] font-semibold text-zinc-50 focus:outline-none"
          >
            {verb}
            {closedAt ? ` on ${formatDateTime(closedAt)}` : ''} — this session is read-only
          </h2>
          <p className="text-xs text-zinc-400">
            Messages and fix actions are closed. The {noun.toLowerCase()} below is what was posted.
          </p>
        </div>
        {text && (
          <div className="flex shrink-0 flex-wrap items-center gap-1 max-sm:-ml-2 max-sm:w-full">
            <CopyButton text={text} label="Copy" />
            <button
              type="button"
              onClick={() => downloadMarkdown(markdownFilename(session.title, kind), text)}
              className={buttonClasses('ghost', 'sm', 'h-7 px-2 text-xs text-zinc-400 hover:text-zinc-100')}
            >
              <IconDownload className="size-3.5" />
              Download .md
            </button>
            <button
              type="button"
              aria-expanded={isNoteShown}
              aria-controls={noteId}
              onClick={() => setIsNoteShown((shown) => !shown)}
              className={buttonClasses('ghost', 'sm', 'h-7 px-2 text-xs text-zinc-400 hover:text-zinc-100')}
            >
              <span className="max-sm:sr-only">{noun}</span>
              <IconChevronDown className={cn('size-3.5 transition-transform', isNoteShown && 'rotate-180')} />
            </button>
          </div>
        )}
      </div>
      {text && (
        <div
          id={noteId}
          hidden={!isNoteShown}
          role="region"
          aria-label={noun}
          tabIndex={0}
          className="max-h-[min(30vh,20rem)] overflow-y-auto border-t border-white/5 px-4 py-3 text-[13px] leading-relaxed text-zinc-300 focus-visible:outline-2 focus-visible:outline-sky-400"
        >
          <Markdown source={text} />
        </div>
      )}
    </section>
  );
}
