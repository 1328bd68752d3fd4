import { and, eq, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { AppError } from '@flowpilot/core/app-error';
import type { TAttachment } from '@flowpilot/contracts/attachments';
import type { Db, Tx } from '@flowpilot/db/database';
import { attachments, type AttachmentRow } from '@flowpilot/db/schema-attachments';
import { aiSessionMessages } from '@flowpilot/db/schema-sessions';
import { findOwnedSession, type SessionCaller } from '../session-core/sessions.repository.ts';

export interface AttachmentOwner {
  accountId: string;
  userId: string;
}

/** Every column but the bytes: metadata reads never pull megabytes of images. */
const metadataColumns = {
  id: attachments.id,
  accountId: attachments.accountId,
  uploadedBy: attachments.uploadedBy,
  aiSessionId: attachments.aiSessionId,
  messageId: attachments.messageId,
  filename: attachments.filename,
  contentType: attachments.contentType,
  kind: attachments.kind,
  sizeBytes: attachments.sizeBytes,
  width: attachments.width,
  height: attachments.height,
  sha256: attachments.sha256,
  extractionStatus: attachments.extractionStatus,
  extractedText: attachments.extractedText,
  extractionError: attachments.extractionError,
  createdAt: attachments.createdAt,
  usedAt: attachments.usedAt,
};
export type AttachmentMetadata = Omit<AttachmentRow, 'content'>;

const ownedBy = (owner: AttachmentOwner) =>
  and(eq(attachments.accountId, owner.accountId), eq(attachments.uploadedBy, owner.userId));

export async function insertAttachment(db: Db | Tx, values: typeof attachments.$inferInsert) {
  const [row] = await db.insert(attachments).values(values).returning(metadataColumns);
  return row!;
}

/** The caller's attachment, or 404 (another account's or user's looks the same as none). */
export async function getOwnedAttachment(db: Db | Tx, owner: AttachmentOwner, id: string) {
  const [row] = await db
    .select(metadataColumns)
    .from(attachments)
    .where(and(ownedBy(owner), eq(attachments.id, id)))
    .limit(1);
  if (!row) throw new AppError('not_found', 'No such attachment.');
  return row;
}

/**
 * An attachment the caller may read: their own upload, or one that belongs to a session the
 * access rule lets them read (an escalated session's, for the engineers of the account; ADR 015).
 */
async function readable<T extends { uploadedBy: string; aiSessionId: string | null }>(
  db: Db | Tx,
  caller: SessionCaller,
  row: T | undefined,
) {
  if (row && row.uploadedBy !== caller.userId) {
    const session = row.aiSessionId ? await findOwnedSession(db, caller, row.aiSessionId) : undefined;
    if (!session) row = undefined;
  }
  if (!row) throw new AppError('not_found', 'No such attachment.');
  return row;
}

export async function getReadableAttachment(db: Db | Tx, caller: SessionCaller, id: string) {
  const [row] = await db
    .select(metadataColumns)
    .from(attachments)
    .where(and(eq(attachments.accountId, caller.accountId), eq(attachments.id, id)))
    .limit(1);
  return readable(db, caller, row);
}

export async function getReadableAttachmentContent(db: Db, caller: SessionCaller, id: string) {
  const [row] = await db
    .select({ ...metadataColumns, content: attachments.content })
    .from(attachments)
    .where(and(eq(attachments.accountId, caller.accountId), eq(attachments.id, id)))
    .limit(1);
  const found = await readable(db, caller, row);
  return { ...found, content: Buffer.from(found.content) };
}

export async function deleteUnusedAttachment(db: Db, owner: AttachmentOwner, id: string) {
  const row = await getOwnedAttachment(db, owner, id);
  if (row.aiSessionId) {
    throw new AppError('conflict', 'This file is part of a session now; it stays with the session.');
  }
  await db.delete(attachments).where(and(eq(attachments.id, id), isNull(attachments.aiSessionId)));
}

/**
 * Joins attachments to a session (its intake message, or one chat message), inside the
 * caller's transaction. Each id must be the caller's own unused upload, or already belong to
 * this session (sent again: it stays with the message it came with). Otherwise nothing is
 * attached: an id that is not the caller's (another account's, another user's upload, removed
 * or expired) is 404, one that went with another session 409. Concurrent uses of one upload are
 * decided by the row lock of the UPDATE: the second finds it used.
 */
export async function attachToSession(
  tx: Tx,
  owner: AttachmentOwner,
  ids: readonly string[],
  target: { aiSessionId: string; messageId: string },
) {
  if (ids.length === 0) return [];
  const unique = [...new Set(ids)];
  const linked = await tx
    .update(attachments)
    .set({ aiSessionId: target.aiSessionId, messageId: target.messageId, usedAt: sql`now()` })
    .where(and(ownedBy(owner), inArray(attachments.id, unique), isNull(attachments.aiSessionId)))
    .returning(metadataColumns);
  if (linked.length === unique.length) return linked;
  const found = new Set(linked.map((row) => row.id));
  const rest = unique.filter((id) => !found.has(id));
  const elsewhere = await tx
    .select(metadataColumns)
    .from(attachments)
    .where(
      and(
        eq(attachments.accountId, owner.accountId),
        inArray(attachments.id, rest),
        isNotNull(attachments.aiSessionId),
      ),
    );
  const inThisSession = elsewhere.filter((row) => row.aiSessionId === target.aiSessionId);
  if (inThisSession.length === rest.length) return [...linked, ...inThisSession];
  const field = { field: 'body.attachment_ids' };
  if (elsewhere.length + linked.length === unique.length) {
    throw new AppError(
      'conflict',
      'One of the attached files already belongs to another session. Attach it again from your computer.',
      { errors: [{ ...field, message: 'already part of another session' }] },
    );
  }
  throw new AppError(
    'not_found',
    'One of the attached files no longer exists (removed, or unused for a day). Attach it again.',
    { errors: [{ ...field, message: 'no such attachment' }] },
  );
}

/** A session's attachments (intake and messages), oldest first; the session's access was checked by the caller. */
export function listSessionAttachments(db: Db | Tx, accountId: string, aiSessionId: string) {
  return db
    .select(metadataColumns)
    .from(attachments)
    .where(and(eq(attachments.accountId, accountId), eq(attachments.aiSessionId, aiSessionId)))
    .orderBy(attachments.createdAt, attachments.id);
}

/** The session's attachments as their DTOs, by the message they came with (for the transcript). */
export async function sessionAttachmentsByMessage(db: Db | Tx, accountId: string, aiSessionId: string) {
  const byMessage = new Map<string, TAttachment[]>();
  for (const row of await listSessionAttachments(db, accountId, aiSessionId)) {
    if (!row.messageId) continue;
    const list = byMessage.get(row.messageId) ?? [];
    list.push(toAttachmentDto(row));
    byMessage.set(row.messageId, list);
  }
  return byMessage;
}

/** What the model context needs of a session's attachments: no bytes, and which message (kind) each came with. */
export function listSessionAttachmentsForContext(db: Db | Tx, accountId: string, aiSessionId: string) {
  return db
    .select({
      id: attachments.id,
      messageId: attachments.messageId,
      messageKind: aiSessionMessages.kind,
      filename: attachments.filename,
      contentType: attachments.contentType,
      kind: attachments.kind,
      width: attachments.width,
      height: attachments.height,
      extractionStatus: attachments.extractionStatus,
      extractedText: attachments.extractedText,
    })
    .from(attachments)
    .innerJoin(aiSessionMessages, eq(aiSessionMessages.id, attachments.messageId))
    .where(and(eq(attachments.accountId, accountId), eq(attachments.aiSessionId, aiSessionId)))
    .orderBy(attachments.createdAt, attachments.id);
}

/** The bytes of some of a session's attachments (the screenshots a vision model is sent). */
export async function loadSessionAttachmentBytes(
  db: Db | Tx,
  accountId: string,
  aiSessionId: string,
  ids: readonly string[],
) {
  if (ids.length === 0) return new Map<string, Uint8Array>();
  const rows = await db
    .select({ id: attachments.id, content: attachments.content })
    .from(attachments)
    .where(
      and(
        eq(attachments.accountId, accountId),
        eq(attachments.aiSessionId, aiSessionId),
        inArray(attachments.id, [...ids]),
      ),
    );
  return new Map(rows.map((row) => [row.id, new Uint8Array(row.content)]));
}

/** How many of the session's attachments are still being read by OCR. */
export async function countPendingExtractions(db: Db | Tx, accountId: string, aiSessionId: string) {
  const [row] = await db
    .select({ pending: sql<number>`count(*)::int` })
    .from(attachments)
    .where(
      and(
        eq(attachments.accountId, accountId),
        eq(attachments.aiSessionId, aiSessionId),
        eq(attachments.extractionStatus, 'pending'),
      ),
    );
  return row?.pending ?? 0;
}

export async function finishExtraction(
  db: Db,
  id: string,
  result: { status: 'done'; text: string } | { status: 'failed'; error: string },
) {
  await db
    .update(attachments)
    .set(
      result.status === 'done'
        ? { extractionStatus: 'done', extractedText: result.text, extractionError: null }
        : { extractionStatus: 'failed', extractionError: result.error },
    )
    .where(and(eq(attachments.id, id), eq(attachments.extractionStatus, 'pending')));
}

/** Deletes uploads nobody attached to anything within `maxAgeMs`. Idempotent; returns how many went. */
export async function deleteUnusedOlderThan(db: Db, cutoff: Date) {
  const gone = await db
    .delete(attachments)
    .where(and(isNull(attachments.aiSessionId), lt(attachments.createdAt, cutoff)))
    .returning({ id: attachments.id });
  return gone.length;
}

/** Extractions a dead process left pending: they will never finish, so say so. */
export async function failStalePendingExtractions(db: Db, cutoff: Date) {
  await db
    .update(attachments)
    .set({
      extractionStatus: 'failed',
      extractionError: 'Reading the text was interrupted; attach the file again.',
    })
    .where(and(eq(attachments.extractionStatus, 'pending'), lt(attachments.createdAt, cutoff)));
}

export function toAttachmentDto(row: AttachmentMetadata): TAttachment {
  return {
    id: row.id,
    filename: row.filename,
    content_type: row.contentType,
    size_bytes: row.sizeBytes,
    kind: row.kind,
    width: row.width,
    height: row.height,
    extraction_status: row.extractionStatus,
    extracted_text: row.extractedText,
    extraction_error: row.extractionStatus === 'failed' ? row.extractionError : null,
    ai_session_id: row.aiSessionId,
    message_id: row.messageId,
    created_at: row.createdAt.toISOString(),
  };
}
