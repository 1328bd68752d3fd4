import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { IconChevronLeft, IconPanelRight } from '../../../components/ui/icons';
import { buttonClasses } from '../../../components/ui/button';
import type { SessionDetail } from '../types';
import { ConfidenceIndicator } from './confidence-indicator';
import { SessionStatusBadge } from './session-status-badge';

interface ChatHeaderProps {
  session: SessionDetail;
  /** Which assistant backend answers (composed in by the route). */
  assistant?: ReactNode;
  /** The link back to the PSA ticket, when the session came from one (composed in by the page). */
  ticketLink?: ReactNode;
  /** Resolve and Escalate (composed in by the page). */
  actions?: ReactNode;
  isLaneOpen: boolean;
  laneId: string;
  onToggleLane: () => void;
}

export function ChatHeader({
  session,
  assistant,
  ticketLink,
  actions,
  isLaneOpen,
  laneId,
  onToggleLane,
}: ChatHeaderProps) {
  const { ticket_ref } = session.intake_content;
  const context = [ticket_ref && `Ticket ${ticket_ref}`, session.client_name, session.asset_name].filter(
    Boolean,
  );
  return (
    <header className="flex flex-wrap items-start justify-between gap-x-4 gap-y-3 border-b border-zinc-800/80 pb-4">
      <div className="min-w-[min(100%,18rem)] flex-1 space-y-1.5">
        <Link
          to="/pilot"
          className="inline-flex items-center gap-1 text-xs text-zinc-400 hover:text-zinc-200"
        >
          <IconChevronLeft className="size-3.5" />
          Pilot sessions
        </Link>
        <h1 className="truncate text-lg font-semibold tracking-tight text-zinc-50" title={session.title}>
          {session.title || 'Untitled session'}
        </h1>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1.5">
          <SessionStatusBadge status={session.status} />
          <ConfidenceIndicator
            tier={session.confidence_tier}
            score={session.confidence_score}
            label="Assistant’s confidence"
          />
          {context.length > 0 && <span className="text-xs text-zinc-400">{context.join(' · ')}</span>}
          {ticketLink}
          {assistant}
        </div>
      </div>
      <div className="flex shrink-0 items-center gap-2">
        <button
          type="button"
          aria-expanded={isLaneOpen}
          aria-controls={laneId}
          onClick={onToggleLane}
          className={buttonClasses('ghost', 'sm', 'min-[1200px]:hidden')}
        >
          <IconPanelRight className="size-4" />
          Task lane
        </button>
        {actions}
      </div>
    </header>
  );
}
