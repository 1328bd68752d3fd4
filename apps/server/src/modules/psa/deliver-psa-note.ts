import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '@flowpilot/db/database';
import type { PsaDeliveryRow } from '@flowpilot/db/schema-psa';
import type { Config } from '../../env.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { createPsaProvider } from './create-psa-provider.ts';
import { noteMarker, noteWithMarker, PsaError, type PsaProvider } from './psa-provider.ts';
import { claimDelivery, findConnection, updateDelivery } from './psa.repository.ts';
import { loadSecretKey, openSecrets } from './secret-box.ts';

export interface DeliveryDeps {
  config: Config;
  database: Database;
  log: FastifyBaseLogger;
}

export type AttemptResult =
  | { outcome: 'delivered' }
  | { outcome: 'failed'; reason: string }
  | { outcome: 'retry'; at: Date; reason: string }
  /** Not due, already done, or held by another attempt. */
  | { outcome: 'skipped' };

class PermanentDeliveryError extends Error {}

function connectedProvider(
  deps: DeliveryDeps,
  delivery: PsaDeliveryRow,
  row: NonNullable<Awaited<ReturnType<typeof findConnection>>>,
) {
  if (row.provider !== delivery.provider) {
    throw new PermanentDeliveryError(
      `The account is now connected to ${row.provider}, not ${delivery.provider}.`,
    );
  }
  let secrets: Record<string, string>;
  try {
    secrets = openSecrets(loadSecretKey(deps.config), row.accountId, row.secrets);
  } catch {
    throw new PermanentDeliveryError(
      'The stored PSA credentials cannot be decrypted; save the connection again.',
    );
  }
  return createPsaProvider(deps.config, row.accountId, row.provider, row.settings, secrets);
}

/** Audit as the engineer who closed the session: the PSA write is theirs, carried out later. */
async function audit(
  deps: DeliveryDeps,
  delivery: PsaDeliveryRow,
  action: string,
  after: Record<string, unknown>,
) {
  await recordAuditEvent(
    deps.database.db,
    { accountId: delivery.accountId, userId: delivery.closedByUserId },
    {
      action,
      subjectType: 'psa_delivery',
      subjectId: delivery.id,
      aiSessionId: delivery.aiSessionId,
      after: { provider: delivery.provider, ticket_id: delivery.ticketId, ...after },
    },
  );
}

async function postNoteOnce(deps: DeliveryDeps, psa: PsaProvider, delivery: PsaDeliveryRow) {
  const marker = noteMarker(delivery.idempotencyKey);
  // An earlier attempt may have posted it and lost the answer (timeout, crash): look before posting.
  const existing = (await psa.listNotes(delivery.ticketId)).find((note) => note.text.includes(marker));
  const noteId =
    existing?.id ??
    (
      await psa.postNote(
        delivery.ticketId,
        delivery.kind,
        noteWithMarker(delivery.body, marker, psa.maxNoteChars),
      )
    ).id;
  const updated = await updateDelivery(deps.database.db, delivery.id, { noteId });
  await audit(deps, delivery, existing ? 'psa.note.found' : 'psa.note.posted', {
    psa_note_id: noteId,
    kind: delivery.kind,
    idempotency_key: delivery.idempotencyKey,
  });
  return updated;
}

async function moveStatus(deps: DeliveryDeps, psa: PsaProvider, delivery: PsaDeliveryRow) {
  if (!delivery.requestedStatusId) {
    return updateDelivery(deps.database.db, delivery.id, {
      statusDone: true,
      statusSkippedReason: `No ${delivery.kind === 'resolution' ? 'resolved' : 'escalated'} status is configured.`,
    });
  }
  const change = await psa.setStatus(delivery.ticketId, delivery.requestedStatusId);
  const updated = await updateDelivery(deps.database.db, delivery.id, {
    statusDone: true,
    statusVerified: change.verified,
    actualStatusId: change.actualStatusId,
    statusSkippedReason: change.verified
      ? null
      : `The PSA accepted the status change but the ticket is still in status ${change.actualStatusId ?? 'unknown'} (a workflow rule may have kept it).`,
  });
  await audit(deps, delivery, 'psa.status.changed', {
    requested_status_id: change.requestedStatusId,
    actual_status_id: change.actualStatusId,
    verified: change.verified,
  });
  return updated;
}

async function addTime(
  deps: DeliveryDeps,
  psa: PsaProvider,
  delivery: PsaDeliveryRow,
  settings: Record<string, unknown>,
) {
  const mappings = Array.isArray(settings.member_mappings)
    ? (settings.member_mappings as { user_id: string; member_id: string }[])
    : [];
  const member = mappings.find((mapping) => mapping.user_id === delivery.closedByUserId);
  if (!delivery.postTimeEntry || !member)
    return updateDelivery(deps.database.db, delivery.id, { timeEntryDone: true });
  // Like the note, the entry carries the delivery's marker, and a retry looks for it first.
  const marker = noteMarker(delivery.idempotencyKey);
  const existing = (await psa.listTimeEntries(delivery.ticketId)).find((entry) =>
    entry.notes.includes(marker),
  );
  const id =
    existing?.id ??
    (
      await psa.addTimeEntry({
        ticketId: delivery.ticketId,
        memberId: member.member_id,
        start: delivery.workStartedAt,
        end: delivery.workEndedAt,
        notes: `FlowPilot session (${delivery.kind === 'resolution' ? 'resolved' : 'escalated'}) ${marker}`,
      })
    ).id;
  const updated = await updateDelivery(deps.database.db, delivery.id, {
    timeEntryDone: true,
    timeEntryId: id,
  });
  await audit(deps, delivery, existing ? 'psa.time.found' : 'psa.time.added', {
    psa_time_entry_id: id,
    member_id: member.member_id,
  });
  return updated;
}

/**
 * One attempt at a delivery: the note (looked up by its idempotency marker before it is
 * posted), the status move and its verification, the time entry. Each step's result is
 * stored when it succeeds, so the next attempt resumes where this one stopped.
 */
export async function attemptDelivery(deps: DeliveryDeps, deliveryId: string): Promise<AttemptResult> {
  const claimed = await claimDelivery(deps.database.db, deliveryId, deps.config.psa.deliveryLeaseMs);
  if (!claimed) return { outcome: 'skipped' };
  let delivery = claimed;
  try {
    const connection = await findConnection(deps.database.db, { accountId: delivery.accountId });
    if (!connection)
      throw new PermanentDeliveryError('No PSA is connected any more; reconnect it and retry.');
    const psa = connectedProvider(deps, delivery, connection);
    if (!delivery.noteId) delivery = await postNoteOnce(deps, psa, delivery);
    if (!delivery.statusDone) delivery = await moveStatus(deps, psa, delivery);
    if (!delivery.timeEntryDone) delivery = await addTime(deps, psa, delivery, connection.settings);
    await updateDelivery(deps.database.db, delivery.id, {
      status: 'delivered',
      deliveredAt: new Date(),
      lockedUntil: null,
      nextAttemptAt: null,
      lastError: null,
    });
    return { outcome: 'delivered' };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const retryable =
      error instanceof PsaError ? error.retryable : !(error instanceof PermanentDeliveryError);
    if (!(error instanceof PsaError) && !(error instanceof PermanentDeliveryError)) {
      deps.log.error(
        { err: error, psa_delivery_id: delivery.id },
        'PSA delivery attempt failed unexpectedly',
      );
    }
    const { deliveryMaxAttempts, deliveryBackoffMs } = deps.config.psa;
    if (retryable && delivery.attempts < deliveryMaxAttempts) {
      const backoff = deliveryBackoffMs * 2 ** (delivery.attempts - 1);
      const asked =
        error instanceof PsaError && error.retryAfterSeconds !== null ? error.retryAfterSeconds * 1000 : 0;
      // After a timeout the PSA may still be storing what we sent: give it time to land, so the
      // next attempt's lookup finds the note rather than posting a second one.
      const ambiguous = error instanceof PsaError && (error.kind === 'timeout' || error.kind === 'network');
      const settle = ambiguous ? 2 * deps.config.psa.timeoutMs : 0;
      const at = new Date(Date.now() + Math.max(backoff, asked, settle));
      await updateDelivery(deps.database.db, delivery.id, {
        lastError: reason,
        nextAttemptAt: at,
        lockedUntil: null,
      });
      deps.log.warn(
        { psa_delivery_id: delivery.id, attempts: delivery.attempts, retry_at: at },
        `PSA delivery will be retried: ${reason}`,
      );
      return { outcome: 'retry', at, reason };
    }
    await updateDelivery(deps.database.db, delivery.id, {
      status: 'failed',
      lastError: reason,
      lockedUntil: null,
      nextAttemptAt: null,
    });
    deps.log.warn(
      { psa_delivery_id: delivery.id, attempts: delivery.attempts },
      `PSA delivery failed: ${reason}`,
    );
    return { outcome: 'failed', reason };
  }
}
