import type { ContextAttachment } from '@flowpilot/assistant/session-context/session-context-input';
import type { Db } from '@flowpilot/db/database';
import type { listSessionAttachmentsForContext } from './attachments.repository.ts';
import { loadSessionAttachmentBytes } from './attachments.repository.ts';

type AttachmentRows = Awaited<ReturnType<typeof listSessionAttachmentsForContext>>;

/**
 * A session's attachments as the model is given them: the intake's, and each message's by its
 * id. Every attachment carries the text read from it. With `images` (a model that takes them),
 * the screenshots of the intake and of the message being answered also carry their bytes, to go
 * out as image parts; older messages' screenshots are sent as their text only, which keeps a
 * long session's request from growing by an image a turn.
 */
export async function toContextAttachments(
  db: Db,
  scope: { accountId: string; aiSessionId: string },
  rows: AttachmentRows,
  options: { images: boolean; answeringMessageId: string | undefined },
) {
  const sendsImage = (row: AttachmentRows[number]) =>
    options.images &&
    row.kind === 'image' &&
    (row.messageKind === 'intake' || row.messageId === options.answeringMessageId);
  const bytes = await loadSessionAttachmentBytes(
    db,
    scope.accountId,
    scope.aiSessionId,
    rows.filter(sendsImage).map((row) => row.id),
  );
  const intake: ContextAttachment[] = [];
  const byMessage = new Map<string, ContextAttachment[]>();
  for (const row of rows) {
    const data = bytes.get(row.id);
    const attachment: ContextAttachment = {
      name: row.filename,
      mediaType: row.contentType,
      // A failed read says so, rather than looking like an image with no text in it.
      extractedText:
        row.extractionStatus === 'failed'
          ? '(the text of this image could not be read)'
          : (row.extractedText ?? ''),
      ...(data ? { image: { data, mediaType: row.contentType, width: row.width, height: row.height } } : {}),
    };
    if (row.messageKind === 'intake') intake.push(attachment);
    else if (row.messageId)
      byMessage.set(row.messageId, [...(byMessage.get(row.messageId) ?? []), attachment]);
  }
  return { intake, byMessage };
}
