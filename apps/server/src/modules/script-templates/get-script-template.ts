import { AppError } from '@flowpilot/core/app-error';
import type { Db, Tx } from '@flowpilot/db/database';
import { scriptTemplatesRepository } from './script-templates.repository.ts';

/** A live template the caller's account can see (its own or a built-in), else 404. */
export async function getVisibleTemplate(db: Db | Tx, caller: { accountId: string }, id: string) {
  const row = await scriptTemplatesRepository(db, caller.accountId).findVisible(id);
  if (!row) throw new AppError('not_found', 'No such script template.');
  return row;
}

/** The caller may change only the account's own templates; built-ins answer 403 with the way out. */
export async function getEditableTemplate(db: Db | Tx, caller: { accountId: string }, id: string) {
  const row = await getVisibleTemplate(db, caller, id);
  if (row.isBuiltin) {
    throw new AppError(
      'forbidden',
      'Built-in templates are read-only. Create a template of your own from its body to change it.',
    );
  }
  return row;
}
