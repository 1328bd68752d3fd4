import { eq } from 'drizzle-orm';
import { playbooks } from '@flowpilot/db/schema-knowledge';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { lockEditablePlaybook } from './update-playbook.ts';

/** Hidden, not removed: counters, proposals and the sessions it resolved still point at it. */
export async function deletePlaybook(ctx: AppContext, caller: Caller, id: string) {
  const wasLive = await ctx.database.db.transaction(async (tx) => {
    const row = await lockEditablePlaybook(tx, caller, id);
    await tx.update(playbooks).set({ deletedAt: new Date() }).where(eq(playbooks.id, id));
    await recordAuditEvent(tx, caller, {
      action: 'playbook.deleted',
      subjectType: 'playbook',
      subjectId: id,
      before: { slug: row.slug, status: row.status },
    });
    return row.status === 'published';
  });
  if (wasLive) ctx.knowledge.invalidate(caller.accountId);
}
