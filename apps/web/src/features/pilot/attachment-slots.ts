import type { ClipboardEvent, DragEvent, ReactNode } from 'react';
import type { TAttachment } from '@flowpilot/contracts/attachments';

/*
 * How the pilot pages take screenshots and log files without importing the attachments
 * feature: the route composes it in (app/routes) and hands over these slots.
 */

/** Files waiting to go with the next message or the intake, and the controls that add them. */
export interface AttachmentDraftSlot {
  /** Uploads ready to send (refused and uploading ones are not among them). */
  ids: readonly string[];
  /** How many files are in the tray at all (ready, uploading or refused). */
  count: number;
  /** Sending waits until every upload has finished. */
  isUploading: boolean;
  /** The files waiting to go: thumbnails, progress, refusals, Remove. */
  tray: ReactNode;
  /** The Attach button (a file picker). */
  button: ReactNode;
  onPaste: (event: ClipboardEvent) => void;
  onDrop: (event: DragEvent) => void;
  /** After sending: the files went with it. */
  clear: () => void;
}

export interface PilotAttachmentSlots {
  /** Files for the next chat message. */
  composer: AttachmentDraftSlot;
  /** A message's (or the intake's) files, shown under it. */
  renderList: (items: readonly TAttachment[]) => ReactNode;
}

/** What goes out as the text of a message that is only files (the server wants some text). */
export function filesOnlyText(count: number) {
  return count === 1 ? '(see the attached file)' : `(see the ${count} attached files)`;
}
