import { AppError } from '@flowpilot/core/app-error';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { deleteConnection, findConnection } from './psa.repository.ts';

/** Forgets the connection and its credentials. Ticket links stay: the sessions still name their tickets. */
export async function deletePsaConnection(ctx: AppContext, caller: Caller) {
  await ctx.database.db.transaction(async (tx) => {
    const existing = await findConnection(tx, caller);
    if (!existing) throw new AppError('not_found', 'No PSA is connected.');
    await deleteConnection(tx, caller);
    await recordAuditEvent(tx, caller, {
      action: 'psa.connection.deleted',
      subjectType: 'psa_connection',
      before: { provider: existing.provider, settings: existing.settings },
    });
  });
}
