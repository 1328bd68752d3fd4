import { AppError } from '@flowpilot/core/app-error';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { lockOwnedBuilderSession, updateBuilderSession } from './script-builder.repository.ts';

/**
 * Soft-deletes a standalone session, freeing a place under the cap. An inline session is
 * part of its pilot session (one per engineer, by a unique index) and goes with it.
 */
export async function deleteBuilderSession(ctx: AppContext, caller: Caller, id: string) {
  await ctx.database.db.transaction(async (tx) => {
    const session = await lockOwnedBuilderSession(tx, caller, id);
    if (session.origin === 'pilot_inline') {
      throw new AppError(
        'conflict',
        'This Script Builder session belongs to its pilot session and is removed with it; it does not count toward your open sessions.',
      );
    }
    await updateBuilderSession(tx, session.id, { deletedAt: new Date() });
  });
}
