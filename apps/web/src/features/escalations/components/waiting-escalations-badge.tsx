import { NavCountBadge } from '../../../components/ui/nav-count-badge';
import { useEscalations } from '../api/list-escalations';
import { useEscalationStream } from '../hooks/use-escalation-stream';

export const waitingCount = (items: readonly { claimed_at: string | null }[] | undefined) =>
  items?.filter((item) => item.claimed_at === null).length ?? 0;

/**
 * The queue's waiting count for navigation: a visible count (hidden from assistive technology,
 * so the link keeps its name) plus a description naming it. Engineers and owners only.
 */
export function WaitingEscalationsBadge({
  canSee,
  descriptionId,
}: {
  canSee: boolean;
  descriptionId: string;
}) {
  const escalations = useEscalations({ enabled: canSee });
  useEscalationStream({ enabled: canSee });
  const count = waitingCount(escalations.data?.items);
  if (!canSee) return null;
  return (
    <NavCountBadge
      count={count}
      descriptionId={descriptionId}
      describe={(n) => (n === 1 ? '1 escalation waiting' : `${n} escalations waiting`)}
      tone="rose"
      testId="escalations-badge"
    />
  );
}
