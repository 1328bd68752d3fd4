import type { Db } from '@flowpilot/db/database';
import { deleteUnusedOlderThan, failStalePendingExtractions } from './attachments.repository.ts';

export const UNUSED_ATTACHMENT_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * The housekeeping pass: uploads nobody attached within a day are deleted, and extractions a
 * dead process left pending are marked failed. Idempotent, so every process may run it.
 */
export async function expireUnusedAttachments(db: Db, now = new Date()) {
  const deleted = await deleteUnusedOlderThan(db, new Date(now.getTime() - UNUSED_ATTACHMENT_TTL_MS));
  await failStalePendingExtractions(db, new Date(now.getTime() - 10 * 60 * 1000));
  return { deleted };
}
