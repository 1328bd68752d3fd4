import type { TPlaybookListQuery } from '@flowpilot/contracts/playbooks';
import type { Db } from '@flowpilot/db/database';
import type { Caller } from '../../http/request-auth.ts';
import { playbooksRepository, toPlaybookSummary } from './playbooks.repository.ts';

/** The built-ins and the account's own, with the account's counters; `q` searches titles and symptoms. */
export async function listPlaybooks(db: Db, caller: Caller, query: TPlaybookListQuery) {
  const repository = playbooksRepository(db, caller.accountId);
  const rows = await repository.list(query);
  const stats = await repository.stats(rows.map((row) => row.id));
  return { items: rows.map((row) => toPlaybookSummary(row, stats.get(row.id))) };
}
