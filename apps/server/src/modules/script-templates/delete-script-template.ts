import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { getEditableTemplate } from './get-script-template.ts';
import { scriptTemplatesRepository } from './script-templates.repository.ts';

/**
 * Soft delete: the template leaves the library and matching, while fixes, generations and
 * drafts that point at it keep a valid reference. Its name becomes free again.
 */
export async function deleteScriptTemplate(ctx: AppContext, caller: Caller, id: string) {
  await ctx.database.db.transaction(async (tx) => {
    const before = await getEditableTemplate(tx, caller, id);
    await scriptTemplatesRepository(tx, caller.accountId).softDelete(id);
    await recordAuditEvent(tx, caller, {
      action: 'script_template.deleted',
      subjectType: 'script_template',
      subjectId: id,
      before: { name: before.name, language: before.language, category: before.category },
    });
  });
}
