import { createHash } from 'node:crypto';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { detectAttachmentType } from './detect-attachment-type.ts';
import { finishExtraction, insertAttachment, toAttachmentDto } from './attachments.repository.ts';
import { OcrQueueFullError, OcrTimeoutError } from './ocr-queue.ts';

/** Text kept per attachment: a long log is evidence, not a novel (the model context trims further). */
export const EXTRACTED_TEXT_MAX_CHARS = 200_000;

/** A file name safe to show and to offer back as a download name. */
export function cleanFilename(name: string | undefined) {
  let cleaned = '';
  for (const char of name ?? '') {
    const code = char.charCodeAt(0);
    cleaned += code < 0x20 || code === 0x7f || char === '/' || char === '\\' ? '_' : char;
  }
  cleaned = cleaned.trim().slice(0, 200);
  return cleaned || 'attachment';
}

/**
 * Stores an upload once its bytes say what it is. Text is decoded at once; an image is stored
 * `pending` and read by OCR in the background, so the upload answers without waiting for it.
 */
export async function uploadAttachment(
  ctx: AppContext,
  caller: Caller,
  file: { filename?: string; bytes: Buffer },
) {
  const detected = await detectAttachmentType(file.bytes);
  const row = await insertAttachment(ctx.database.db, {
    accountId: caller.accountId,
    uploadedBy: caller.userId,
    filename: cleanFilename(file.filename),
    contentType: detected.contentType,
    kind: detected.kind,
    sizeBytes: file.bytes.byteLength,
    width: detected.kind === 'image' ? detected.width : null,
    height: detected.kind === 'image' ? detected.height : null,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    content: file.bytes,
    extractionStatus: detected.kind === 'image' ? 'pending' : 'done',
    extractedText: detected.kind === 'text' ? detected.text.slice(0, EXTRACTED_TEXT_MAX_CHARS) : null,
  });
  if (detected.kind === 'image') {
    void ctx.ocr
      .recognize(file.bytes)
      .then((text) =>
        finishExtraction(ctx.database.db, row.id, {
          status: 'done',
          text: text.slice(0, EXTRACTED_TEXT_MAX_CHARS),
        }),
      )
      .catch(async (error: unknown) => {
        const reason =
          error instanceof OcrQueueFullError
            ? 'Too many images were waiting to be read; attach it again in a minute.'
            : error instanceof OcrTimeoutError
              ? 'Reading the text took too long.'
              : 'The text in this image could not be read.';
        if (!(error instanceof OcrQueueFullError || error instanceof OcrTimeoutError)) {
          ctx.log.warn({ err: error, attachmentId: row.id }, 'OCR failed');
        }
        await finishExtraction(ctx.database.db, row.id, { status: 'failed', error: reason }).catch(
          (cause: unknown) =>
            ctx.log.warn({ err: cause, attachmentId: row.id }, 'could not record a failed OCR'),
        );
      });
  }
  return toAttachmentDto(row);
}
