import { AppError } from '@flowpilot/core/app-error';
import type { Db, Tx } from '@flowpilot/db/database';
import type { Caller } from '../../http/request-auth.ts';
import {
  playbooksRepository,
  templateIdOf,
  toPlaybookDetail,
  type PlaybookRow,
} from './playbooks.repository.ts';

export async function getVisiblePlaybook(db: Db | Tx, caller: Pick<Caller, 'accountId'>, id: string) {
  const row = await playbooksRepository(db, caller.accountId).findVisible(id);
  if (!row) throw new AppError('not_found', 'No such playbook.');
  return row;
}

/** The detail the guided-flow view shows: counters, the linked template's name, sessions it resolved. */
export async function playbookDetail(db: Db | Tx, caller: Pick<Caller, 'accountId'>, row: PlaybookRow) {
  const repository = playbooksRepository(db, caller.accountId);
  // One after another: inside a transaction the connection takes one query at a time.
  const stats = await repository.stats([row.id]);
  const templateName = await repository.templateName(templateIdOf(row.definition));
  const resolvedSessions = await repository.resolvedSessions(row.slug);
  return toPlaybookDetail(row, { stats: stats.get(row.id), templateName, resolvedSessions });
}

export async function getPlaybook(db: Db, caller: Caller, id: string) {
  return playbookDetail(db, caller, await getVisiblePlaybook(db, caller, id));
}
