import { randomUUID } from 'node:crypto';
import type { TPsaDelivery } from '@flowpilot/contracts/psa';
import type { Tx } from '@flowpilot/db/database';
import type { Caller } from '../../http/request-auth.ts';
import { toDeliveryDto } from './psa-delivery-dto.ts';
import { findConnection, findTicketLink, insertDelivery } from './psa.repository.ts';

const idOrNull = (value: unknown) => (typeof value === 'string' && value ? value : null);

/**
 * The outbox write of a close: called inside the closing transaction, so the session cannot
 * be closed without its delivery recorded (nor the reverse). Null for a session with no ticket.
 */
export async function recordPsaDelivery(
  tx: Tx,
  caller: Caller,
  session: { id: string; workStartedAt: Date },
  kind: 'resolution_note' | 'escalation_package',
  markdown: string,
  closedAt: Date,
): Promise<TPsaDelivery | null> {
  const link = await findTicketLink(tx, caller, session.id);
  if (!link) return null;
  const connection = await findConnection(tx, caller);
  const settings = connection?.settings ?? {};
  const row = await insertDelivery(tx, {
    accountId: caller.accountId,
    aiSessionId: session.id,
    closedByUserId: caller.userId,
    provider: link.provider,
    ticketId: link.ticketId,
    kind: kind === 'resolution_note' ? 'resolution' : 'internal',
    body: markdown,
    // Written into the note, so a retry after a lost answer finds the note instead of posting it again.
    idempotencyKey: `fp-${randomUUID()}`,
    requestedStatusId: idOrNull(
      kind === 'resolution_note' ? settings.resolved_status_id : settings.escalated_status_id,
    ),
    postTimeEntry: settings.post_time_entries === true,
    workStartedAt: session.workStartedAt,
    workEndedAt: closedAt,
    nextAttemptAt: closedAt,
  });
  return toDeliveryDto(row, link);
}
