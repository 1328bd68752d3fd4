import type { Db } from '@flowpilot/db/database';
import type { Caller } from '../../http/request-auth.ts';
import { proposalsRepository, toProposalDto, type ProposalRow } from './proposals.repository.ts';

/** The review queue, newest first, with the pending count the sidebar shows. */
export async function listKnowledgeProposals(db: Db, caller: Caller, status?: ProposalRow['status']) {
  const proposals = proposalsRepository(db, caller.accountId);
  const [rows, pending] = [await proposals.list(status), await proposals.countPending()];
  return { items: rows.map(toProposalDto), pending_count: pending };
}
