import { eq, sql } from 'drizzle-orm';
import { AppError } from '@flowpilot/core/app-error';
import type { TUpdatePlaybookRequest } from '@flowpilot/contracts/playbooks';
import { mapDbError } from '@flowpilot/db/db-errors';
import { playbooks } from '@flowpilot/db/schema-knowledge';
import type { Tx } from '@flowpilot/db/database';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { contentHash, playbookSlugTakenMessages } from './create-playbook.ts';
import { playbookDetail } from './get-playbook.ts';
import { assertValidPlaybook } from './playbook-definition.ts';
import { playbooksRepository, type PlaybookRow } from './playbooks.repository.ts';

/**
 * Locks a playbook the caller may change. Built-ins are read-only (403) for everyone; an
 * owner changes any of the account's; an engineer only a proposal of their own.
 */
export async function lockEditablePlaybook(tx: Tx, caller: Caller, id: string): Promise<PlaybookRow> {
  const row = await playbooksRepository(tx, caller.accountId).lockVisible(id);
  if (!row) throw new AppError('not_found', 'No such playbook.');
  if (row.isBuiltin)
    throw new AppError(
      'forbidden',
      'Built-in playbooks are read-only. Create a playbook of your own to change how a problem is worked.',
    );
  if (caller.role !== 'owner' && (row.status !== 'proposed' || row.createdByUserId !== caller.userId))
    throw new AppError(
      'forbidden',
      'Only an owner can change a published playbook or another engineer’s proposal.',
    );
  return row;
}

export async function updatePlaybook(
  ctx: AppContext,
  caller: Caller,
  id: string,
  input: TUpdatePlaybookRequest,
) {
  const { status, ...fields } = input;
  if (status === 'published' && caller.role !== 'owner')
    throw new AppError('forbidden', 'Only an owner can publish a playbook.');
  const result = await ctx.database.db
    .transaction(async (tx) => {
      const before = await lockEditablePlaybook(tx, caller, id);
      const { template: _inline, ...current } = before.definition;
      const definition = await assertValidPlaybook(tx, caller.accountId, {
        ...current,
        ...fields,
        slug: before.slug,
      });
      const [updated] = await tx
        .update(playbooks)
        .set({
          title: definition.title,
          category: definition.category,
          definition,
          contentHash: contentHash(definition),
          status: status ?? before.status,
          version: sql`${playbooks.version} + 1`,
          updatedAt: new Date(),
        })
        .where(eq(playbooks.id, id))
        .returning();
      await recordAuditEvent(tx, caller, {
        action: 'playbook.updated',
        subjectType: 'playbook',
        subjectId: id,
        before: { status: before.status, version: before.version, fields: Object.keys(fields) },
        after: { status: updated!.status, version: updated!.version },
      });
      return {
        detail: await playbookDetail(tx, caller, updated!),
        live: before.status === 'published' || updated!.status === 'published',
      };
    })
    .catch((error) => mapDbError(error, playbookSlugTakenMessages));
  if (result.live) ctx.knowledge.invalidate(caller.accountId);
  return result.detail;
}
