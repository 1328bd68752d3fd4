import { useCallback, useEffect, useRef, useState, type ClipboardEvent, type DragEvent } from 'react';
import { ATTACHMENT_MAX_BYTES, ATTACHMENTS_PER_MESSAGE } from '@flowpilot/contracts/limits';
import { describeError } from '../../../lib/api-client';
import { deleteAttachment } from '../api/delete-attachment';
import { uploadAttachment } from '../api/upload-attachment';
import type { Attachment } from '../types';

export interface AttachmentDraft {
  localId: string;
  name: string;
  /** A local preview of an image while (and after) it uploads. */
  previewUrl: string | undefined;
  state: 'uploading' | 'ready' | 'refused';
  attachment?: Attachment;
  error?: string;
}

let nextLocalId = 0;

/**
 * Files the engineer is about to send with a message or an intake: picked, dropped or pasted,
 * uploaded at once (so refusals show before sending), removable until sent.
 */
export function useAttachmentDrafts() {
  const [drafts, setDrafts] = useState<AttachmentDraft[]>([]);
  const draftsRef = useRef(drafts);
  useEffect(() => {
    draftsRef.current = drafts;
  }, [drafts]);

  useEffect(
    () => () => {
      for (const draft of draftsRef.current) if (draft.previewUrl) URL.revokeObjectURL(draft.previewUrl);
    },
    [],
  );

  const update = (localId: string, patch: Partial<AttachmentDraft>) =>
    setDrafts((current) =>
      current.map((draft) => (draft.localId === localId ? { ...draft, ...patch } : draft)),
    );

  const add = useCallback((files: Iterable<File>) => {
    const room = ATTACHMENTS_PER_MESSAGE - draftsRef.current.filter((d) => d.state !== 'refused').length;
    const list = [...files];
    const added: AttachmentDraft[] = list.map((file, index) => {
      const localId = `draft-${++nextLocalId}`;
      const base = {
        localId,
        name: file.name || 'Pasted screenshot',
        previewUrl: file.type.startsWith('image/') ? URL.createObjectURL(file) : undefined,
      };
      if (index >= room) {
        return {
          ...base,
          state: 'refused',
          error: `Attach at most ${ATTACHMENTS_PER_MESSAGE} files to one message.`,
        };
      }
      if (file.size > ATTACHMENT_MAX_BYTES) {
        return { ...base, state: 'refused', error: 'This file is larger than 10 MB.' };
      }
      void uploadAttachment(file).then(
        (attachment) => update(localId, { state: 'ready', attachment }),
        (error: unknown) => update(localId, { state: 'refused', error: describeError(error).detail }),
      );
      return { ...base, state: 'uploading' };
    });
    setDrafts((current) => [...current, ...added]);
  }, []);

  const remove = useCallback((localId: string) => {
    const draft = draftsRef.current.find((d) => d.localId === localId);
    if (draft?.previewUrl) URL.revokeObjectURL(draft.previewUrl);
    if (draft?.attachment) void deleteAttachment(draft.attachment.id);
    setDrafts((current) => current.filter((d) => d.localId !== localId));
  }, []);

  /** After sending: the uploads now belong to the message, so they are not deleted. */
  const clear = useCallback(() => {
    for (const draft of draftsRef.current) if (draft.previewUrl) URL.revokeObjectURL(draft.previewUrl);
    setDrafts([]);
  }, []);

  const onPaste = useCallback(
    (event: ClipboardEvent) => {
      const files = [...event.clipboardData.files];
      if (files.length === 0) return; // plain text pastes as usual
      event.preventDefault();
      add(files);
    },
    [add],
  );

  const onDrop = useCallback(
    (event: DragEvent) => {
      if (event.dataTransfer.files.length === 0) return;
      event.preventDefault();
      add(event.dataTransfer.files);
    },
    [add],
  );

  const ids = drafts.flatMap((draft) =>
    draft.state === 'ready' && draft.attachment ? [draft.attachment.id] : [],
  );
  const isUploading = drafts.some((draft) => draft.state === 'uploading');
  return { drafts, ids, isUploading, add, remove, clear, onPaste, onDrop };
}

export type AttachmentDrafts = ReturnType<typeof useAttachmentDrafts>;
