import { AppError } from '@flowpilot/core/app-error';
import type { TPsaDelivery } from '@flowpilot/contracts/psa';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { getWritableSession } from '../session-core/sessions.repository.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { toDeliveryDto } from './psa-delivery-dto.ts';
import { findSessionDelivery, findTicketLink, updateDelivery } from './psa.repository.ts';

/**
 * Sends a failed delivery again now (after the engineer fixed the cause: credentials, a
 * deleted status …). Steps already done stay done; 409 unless it failed.
 */
export async function retryPsaDelivery(
  ctx: AppContext,
  caller: Caller,
  sessionId: string,
): Promise<TPsaDelivery> {
  const updated = await ctx.database.db.transaction(async (tx) => {
    // A retry changes the delivery: only the engineer working the session (ADR 015).
    await getWritableSession(tx, caller, sessionId);
    const delivery = await findSessionDelivery(tx, caller, sessionId);
    if (!delivery) throw new AppError('not_found', 'This session has no PSA delivery.');
    if (delivery.status !== 'failed') {
      throw new AppError(
        'conflict',
        delivery.status === 'delivered' ? 'It was delivered already.' : 'It is still being delivered.',
      );
    }
    const row = await updateDelivery(tx, delivery.id, {
      status: 'pending',
      nextAttemptAt: new Date(),
      lockedUntil: null,
      // A fresh round of attempts; the count so far stays visible in the audit row.
      attempts: 0,
    });
    await recordAuditEvent(tx, caller, {
      action: 'psa.delivery.retried',
      subjectType: 'psa_delivery',
      subjectId: delivery.id,
      aiSessionId: sessionId,
      before: { status: delivery.status, attempts: delivery.attempts, last_error: delivery.lastError },
      after: { status: 'pending' },
    });
    return row;
  });
  await ctx.psaDeliveries?.enqueue(updated.id).catch((error: unknown) => {
    ctx.log.warn({ err: error }, 'could not queue the PSA delivery; the sweep will');
  });
  return toDeliveryDto(updated, await findTicketLink(ctx.database.db, caller, sessionId));
}
