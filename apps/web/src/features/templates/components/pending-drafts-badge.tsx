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
    <>
      {count > 0 && (
        <span
          aria-hidden="true"
          className="ml-auto rounded-full bg-amber-500/90 px-1.5 text-[11px] leading-[18px] font-semibold text-zinc-950 tabular-nums"
        >
          {count}
        </span>
      )}
      <span id={descriptionId} hidden>
        {count === 0
          ? ''
          : count === 1
            ? '1 draft template waiting for review'
            : `${count} draft templates waiting for review`}
      </span>
    </>
  );
}
