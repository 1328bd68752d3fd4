import type { TEscalationMetrics } from '@flowpilot/contracts/escalations';
import type { Db } from '@flowpilot/db/database';
import type { Caller } from '../../http/request-auth.ts';
import { escalationMetrics } from './escalations.repository.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** GET /escalations/metrics: the account's time to first claim and claim → resolution, as medians. */
export async function getEscalationMetrics(
  db: Db,
  caller: Caller,
  days: number,
): Promise<TEscalationMetrics> {
  const row = await escalationMetrics(db, caller.accountId, new Date(Date.now() - days * DAY_MS));
  const seconds = (value: number | null) => (value === null ? null : Math.round(Number(value)));
  return {
    escalations: row.escalations,
    claimed: row.claimed,
    resolved_after_claim: row.resolvedAfterClaim,
    median_seconds_to_claim: seconds(row.medianToClaim),
    median_seconds_claim_to_resolution: seconds(row.medianClaimToResolution),
  };
}
