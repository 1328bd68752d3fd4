import type { AppContext } from '../../app-context.ts';
import { escalationFeedOf } from './escalation-feed.ts';
import { listQueue } from './escalations.repository.ts';
import { toEscalationItem } from './list-escalations.ts';

/**
 * Tells the account's queue that a session was just escalated (session-closing calls it after
 * its transaction committed). Never throws into the escalation: the queue re-reads anyway.
 */
export async function publishEscalationCreated(ctx: AppContext, accountId: string, sessionId: string) {
  try {
    const [row] = await listQueue(ctx.database.db, accountId, sessionId);
    if (row)
      escalationFeedOf(ctx).publish(accountId, {
        event: 'escalation_created',
        data: { item: toEscalationItem(row) },
      });
  } catch (error) {
    ctx.log.warn({ err: error, sessionId }, 'escalation_created not published');
  }
}
