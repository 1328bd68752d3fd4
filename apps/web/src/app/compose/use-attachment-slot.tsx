import { AttachmentList } from '../../features/attachments/components/attachment-list';
import { AttachFilesButton, AttachmentTray } from '../../features/attachments/components/attachment-tray';
import { useAttachmentDrafts } from '../../features/attachments/hooks/use-attachment-drafts';
import type { Attachment } from '../../features/attachments/types';
import type { AttachmentDraftSlot } from '../../features/pilot/attachment-slots';

/**
 * The attachments feature composed into a pilot page (the features do not import each other):
 * the drafts of one form, as the slot the intake form and the composer take.
 */
export function useAttachmentSlot(options: { disabled?: boolean } = {}): AttachmentDraftSlot {
  const drafts = useAttachmentDrafts();
  const { disabled = false } = options;
  return {
    ids: drafts.ids,
    count: drafts.drafts.length,
    isUploading: drafts.isUploading,
    tray: <AttachmentTray drafts={drafts} />,
    button: <AttachFilesButton drafts={drafts} disabled={disabled} />,
    onPaste: drafts.onPaste,
    onDrop: drafts.onDrop,
    clear: drafts.clear,
  };
}

/** A message's files under it in the transcript (thumbnails, the text read from them, previews). */
export const renderAttachmentList = (items: readonly Attachment[]) => <AttachmentList items={items} />;
