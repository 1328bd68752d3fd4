import { escalationSummary } from '@flowpilot/core/escalation-summary';
import type { TEscalationItem, TEscalationList } from '@flowpilot/contracts/escalations';
import type { Db } from '@flowpilot/db/database';
import type { Caller } from '../../http/request-auth.ts';
import { listQueue, type QueueRow } from './escalations.repository.ts';

export function toEscalationItem(row: QueueRow): TEscalationItem {
  const until = row.claimedAt ?? row.now;
  return {
    session_id: row.sessionId,
    title: row.title,
    escalated_by: {
      id: row.escalatedById ?? '00000000-0000-0000-0000-000000000000',
      name: row.escalatedByName ?? 'Unknown',
    },
    escalated_at: row.escalatedAt.toISOString(),
    claimed_by: row.claimedById ? { id: row.claimedById, name: row.claimedByName ?? 'Unknown' } : null,
    claimed_at: row.claimedAt?.toISOString() ?? null,
    summary: escalationSummary(row.escalationPackage),
    waiting_seconds: Math.max(0, Math.floor((until.getTime() - row.escalatedAt.getTime()) / 1000)),
    escalation_package: row.escalationPackage ?? '',
  };
}

/** GET /escalations: the account's queue (engineers and owners; the route checks the role). */
export async function listEscalations(db: Db, caller: Caller): Promise<TEscalationList> {
  const rows = await listQueue(db, caller.accountId);
  return { items: rows.map(toEscalationItem) };
}
