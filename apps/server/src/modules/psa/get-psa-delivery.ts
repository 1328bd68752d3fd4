import { AppError } from '@flowpilot/core/app-error';
import type { TPsaDelivery, TPsaTicketLink } from '@flowpilot/contracts/psa';
import type { Db } from '@flowpilot/db/database';
import type { Caller } from '../../http/request-auth.ts';
import { getOwnedSession } from '../session-core/sessions.repository.ts';
import { toDeliveryDto } from './psa-delivery-dto.ts';
import { findSessionDelivery, findTicketLink } from './psa.repository.ts';

/** The delivery of a closed session the caller may read; 404 when it has none (or is not theirs). */
export async function getPsaDelivery(db: Db, caller: Caller, sessionId: string): Promise<TPsaDelivery> {
  await getOwnedSession(db, caller, sessionId);
  const delivery = await findSessionDelivery(db, caller, sessionId);
  if (!delivery) throw new AppError('not_found', 'This session has no PSA delivery.');
  return toDeliveryDto(delivery, await findTicketLink(db, caller, sessionId));
}

/** The ticket a session was started from, for its header link; 404 for a session without one. */
export async function getPsaTicketLink(db: Db, caller: Caller, sessionId: string): Promise<TPsaTicketLink> {
  await getOwnedSession(db, caller, sessionId);
  const link = await findTicketLink(db, caller, sessionId);
  if (!link) throw new AppError('not_found', 'This session was not started from a PSA ticket.');
  return {
    provider: link.provider,
    ticket_id: link.ticketId,
    ticket_number: link.ticketNumber,
    url: link.ticketUrl,
  };
}
