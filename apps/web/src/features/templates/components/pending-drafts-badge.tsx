import { NavCountBadge } from '../../../components/ui/nav-count-badge';
import { usePendingDrafts } from '../api/list-draft-templates';

/**
 * The review queue's size for navigation: a visible count (hidden from assistive technology, so
 * the link keeps its name) plus a description naming it. Owners only; no count at zero.
 */
export function PendingDraftsBadge({ isOwner, descriptionId }: { isOwner: boolean; descriptionId: string }) {
  const drafts = usePendingDrafts({ enabled: isOwner });
  const count = drafts.data?.pending_count ?? 0;
  if (!isOwner) return null;
  return (
    <NavCountBadge
      count={count}
      descriptionId={descriptionId}
      describe={(n) =>
        n === 1 ? '1 draft template waiting for review' : `${n} draft templates waiting for review`
      }
    />
  );
}
