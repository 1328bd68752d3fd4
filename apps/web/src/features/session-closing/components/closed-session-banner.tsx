import type { MouseEvent } from 'react';
import { buttonClasses } from '../../../components/ui/button';
import { CopyButton } from '../../../components/ui/copy-button';
import { IconAlert, IconCheckCircle } from '../../../components/ui/icons';
import { Markdown } from '../../../components/ui/markdown';
import { cn } from '../../../lib/cn';
import { formatDateTime } from '../../../lib/format-relative-time';
import { PsaDeliveryStatus } from '../../psa/components/psa-delivery-status';
import type { SessionDetail } from '../types';
import { IconDownload } from './icon-download';
import { downloadMarkdown, markdownFilename } from './markdown-file';

/** Where focus lands right after posting (the header's buttons are gone by then). */
export const closedHeadingSelector = '[data-closed-session-heading]';

type ClosedSession = SessionDetail & { status: 'resolved' | 'escalated' };

export const isClosedSession = (session: SessionDetail): session is ClosedSession =>
  session.status === 'resolved' || session.status === 'escalated';

function describeClosing(session: ClosedSession) {
  const isResolved = session.status === 'resolved';
  return {
    isResolved,
    closedAt: isResolved ? session.resolved_at : session.escalated_at,
    text: (isResolved ? session.resolution_note : session.escalation_package) ?? '',
    kind: isResolved ? ('resolution_note' as const) : ('escalation_package' as const),
    noun: isResolved ? 'Resolution note' : 'Escalation package',
    verb: isResolved ? 'Resolved' : 'Escalated',
  };
}

/** The fix the session ended with, if it kept one (a dismissed or replaced fix is not the story). */
function closingFix(session: SessionDetail) {
  const fix = session.active_fix;
  return fix && fix.superseded_at === null && fix.status !== 'dismissed' ? fix : null;
}

interface ClosedSessionProps {
  session: SessionDetail;
  /** The id of the posted note's card at the end of the transcript (see PostedClosingText). */
  noteId: string;
}

/**
 * A resolved or escalated session is a record. This one line says so and when, how the fix
 * ended, and links down to the note or package as posted (with Copy and Download), so the
 * transcript keeps the room. Renders nothing for an open session.
 */
export function ClosedSessionBanner({ session, noteId }: ClosedSessionProps) {
  if (!isClosedSession(session)) return null;
  const { isResolved, closedAt, text, kind, noun, verb } = describeClosing(session);
  const fix = closingFix(session);
  const headingId = `${noteId}-summary`;

  const readNote = (event: MouseEvent<HTMLAnchorElement>) => {
    const note = document.getElementById(noteId);
    if (!note) return;
    event.preventDefault();
    note.scrollIntoView({ block: 'start' });
    note.focus({ preventScroll: true });
  };

  return (
    <section
      aria-labelledby={headingId}
      className={cn(
        'flex shrink-0 flex-wrap items-center gap-x-3 gap-y-2 rounded-lg px-3.5 py-2 ring-1',
        isResolved
          ? 'bg-gradient-to-b from-emerald-950/50 to-zinc-900/80 ring-emerald-900/70'
          : 'bg-gradient-to-b from-amber-950/45 to-zinc-900/80 ring-amber-900/70',
      )}
    >
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
          {closedAt ? ` on ${formatDateTime(closedAt)}` : ''} · read-only
        </h2>
        <p className="text-xs break-words text-zinc-400">
          {fix ? (
            <>
              Fix: <span className="text-zinc-200">{`${fix.title} — ${fix.state_label}`}</span>
            </>
          ) : (
            'No fix was recorded.'
          )}
        </p>
        <PsaDeliveryStatus sessionId={session.id} enabled={session.intake_type === 'ticket'} />
      </div>
      {text && (
        <div className="flex shrink-0 flex-wrap items-center gap-1 max-sm:-ml-2 max-sm:w-full">
          <a
            href={`#${noteId}`}
            onClick={readNote}
            className={buttonClasses('secondary', 'sm', 'h-7 px-2.5 text-xs')}
          >
            Read the {noun.toLowerCase()}
          </a>
          <CopyButton text={text} label="Copy" />
          <button
            type="button"
            onClick={() => downloadMarkdown(markdownFilename(session.title, kind), text)}
            className={buttonClasses('ghost', 'sm', 'h-7 px-2 text-xs text-zinc-400 hover:text-zinc-100')}
          >
            <IconDownload className="size-3.5" />
            Download .md
          </button>
        </div>
      )}
    </section>
  );
}

/**
 * The note or package exactly as posted, as the last card of a closed session's transcript:
 * read in the conversation's own scroll, not in a box squeezed above it.
 */
export function PostedClosingText({ session, noteId }: ClosedSessionProps) {
  if (!isClosedSession(session)) return null;
  const { isResolved, closedAt, text, noun } = describeClosing(session);
  if (!text) return null;
  return (
    <section
      id={noteId}
      role="region"
      aria-label={noun}
      tabIndex={-1}
      className={cn(
        'scroll-mt-2 rounded-lg bg-zinc-900/70 ring-1 focus-visible:outline-2 focus-visible:outline-sky-400',
        isResolved ? 'ring-emerald-900/70' : 'ring-amber-900/70',
      )}
    >
      <p
        className={cn(
          'flex flex-wrap items-baseline gap-x-2 border-b border-white/5 px-4 py-2 text-xs',
          isResolved ? 'text-emerald-200' : 'text-amber-200',
        )}
      >
        <span className="font-medium tracking-wide uppercase">{noun}</span>
        <span className="text-zinc-500">as posted{closedAt ? ` ${formatDateTime(closedAt)}` : ''}</span>
      </p>
      <div className="px-4 py-3 text-[13px] leading-relaxed text-zinc-300">
        <Markdown source={text} />
      </div>
    </section>
  );
}
