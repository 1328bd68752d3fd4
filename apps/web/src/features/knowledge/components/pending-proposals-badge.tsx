import { NavCountBadge } from '../../../components/ui/nav-count-badge';
import { usePendingProposals } from '../api/list-proposals';

/** The knowledge queue's size for navigation, like the draft-template badge. Owners only. */
export function PendingProposalsBadge({
  isOwner,
  descriptionId,
}: {
  isOwner: boolean;
  descriptionId: string;
}) {
  const proposals = usePendingProposals({ enabled: isOwner });
  const count = proposals.data?.pending_count ?? 0;
  if (!isOwner) return null;
  return (
    <NavCountBadge
      count={count}
      descriptionId={descriptionId}
      describe={(n) =>
        n === 1 ? '1 knowledge proposal waiting for review' : `${n} knowledge proposals waiting for review`
      }
    />
  );
}
