import { z } from 'zod';
import { ZTimestamp, ZUuid } from './common.ts';
import { ATTACHMENTS_PER_MESSAGE } from './limits.ts';

export { ATTACHMENT_MAX_BYTES, ATTACHMENTS_PER_MESSAGE } from './limits.ts';

export const ZAttachmentKind = z.enum(['image', 'text']);
export const ZExtractionStatus = z.enum(['pending', 'done', 'failed', 'none']);

export const ZAttachment = z.object({
  id: ZUuid,
  filename: z.string(),
  content_type: z.string(),
  size_bytes: z.number().int(),
  kind: ZAttachmentKind,
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  extraction_status: ZExtractionStatus,
  extracted_text: z.string().nullable(),
  /** Why the text could not be read, in words for the engineer (null unless `failed`). */
  extraction_error: z.string().nullable(),
  /** The session it joined (null while unused); it then lives and goes with that session. */
  ai_session_id: ZUuid.nullable(),
  /** The message it came with: the session's intake message, or a chat message (null while unused). */
  message_id: ZUuid.nullable(),
  created_at: ZTimestamp,
});
export type TAttachment = z.infer<typeof ZAttachment>;

export const ZAttachmentList = z.object({ items: z.array(ZAttachment) });

/**
 * `attachment_ids` of an intake or a message (SPEC §7.2): the caller's unused uploads, or ones
 * already in that session (accepted again, left with the message they came with).
 */
export const ZAttachmentIds = z
  .array(ZUuid, { error: 'Attachments are referred to by their ids.' })
  .max(ATTACHMENTS_PER_MESSAGE, { error: `Attach at most ${ATTACHMENTS_PER_MESSAGE} files at a time.` });
