import type { TPsaDelivery } from '@flowpilot/contracts/psa';
import type { PsaDeliveryRow, PsaTicketLinkRow } from '@flowpilot/db/schema-psa';

export function toDeliveryDto(row: PsaDeliveryRow, link: PsaTicketLinkRow | undefined): TPsaDelivery {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    attempts: row.attempts,
    last_error: row.lastError,
    next_attempt_at: row.status === 'pending' ? (row.nextAttemptAt?.toISOString() ?? null) : null,
    delivered_at: row.deliveredAt?.toISOString() ?? null,
    note_id: row.noteId,
    time_entry_id: row.timeEntryId,
    status_transition: {
      requested_status_id: row.requestedStatusId,
      verified: row.statusDone ? row.statusVerified : null,
      actual_status_id: row.actualStatusId,
      skipped_reason: row.statusSkippedReason,
    },
    ticket: {
      provider: row.provider,
      ticket_id: row.ticketId,
      ticket_number: link?.ticketNumber ?? row.ticketId,
      url: link?.ticketUrl ?? null,
    },
  };
}
