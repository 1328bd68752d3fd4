import { AppError } from '@flowpilot/core/app-error';
import type { Tx } from '@flowpilot/db/database';
import { draftTemplatesRepository } from './draft-templates.repository.ts';

/** Locks a pending draft of the account for a decision; decided drafts answer 409. */
export async function lockPendingDraft(tx: Tx, accountId: string, id: string) {
  const draft = await draftTemplatesRepository(tx, accountId).lock(id);
  if (!draft) throw new AppError('not_found', 'No such draft template.');
  if (draft.status !== 'pending') {
    throw new AppError('conflict', `This draft was already ${draft.status}.`);
  }
  return draft;
}
