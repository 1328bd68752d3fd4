import { createHash } from 'node:crypto';
import { AppError } from '@flowpilot/core/app-error';
import type { TCreatePlaybookRequest } from '@flowpilot/contracts/playbooks';
import { mapDbError } from '@flowpilot/db/db-errors';
import { playbooks } from '@flowpilot/db/schema-knowledge';
import type { Tx } from '@flowpilot/db/database';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { playbookDetail } from './get-playbook.ts';
import { assertValidPlaybook, isBuiltinSlug, slugFromTitle } from './playbook-definition.ts';
import { playbooksRepository } from './playbooks.repository.ts';
import type { Playbook } from '@flowpilot/core/playbook';

export const playbookSlugTakenMessages = {
  ux_playbooks_account_slug: 'A playbook with this slug already exists.',
};

export const contentHash = (definition: Playbook) =>
  createHash('sha256').update(JSON.stringify(definition)).digest('hex');

/** Inserts an account playbook inside the caller's transaction (also used when a proposal is accepted). */
export async function insertPlaybook(
  tx: Tx,
  caller: Pick<Caller, 'accountId' | 'userId'>,
  definition: Playbook,
  options: { status: 'proposed' | 'published'; sourceSessionId?: string | null },
) {
  if (
    isBuiltinSlug(definition.slug) ||
    (await playbooksRepository(tx, caller.accountId).slugTaken(definition.slug))
  )
    throw new AppError('conflict', `A playbook with the slug "${definition.slug}" already exists.`);
  const [row] = await tx
    .insert(playbooks)
    .values({
      accountId: caller.accountId,
      isBuiltin: false,
      slug: definition.slug,
      title: definition.title,
      category: definition.category,
      status: options.status,
      definition,
      contentHash: contentHash(definition),
      sourceSessionId: options.sourceSessionId ?? null,
      createdByUserId: caller.userId,
    })
    .returning();
  return row!;
}

/** Engineers propose, owners publish: an engineer's playbook starts `proposed` whatever was asked. */
export async function createPlaybook(ctx: AppContext, caller: Caller, input: TCreatePlaybookRequest) {
  const { status: requested, ...fields } = input;
  if (requested === 'published' && caller.role !== 'owner')
    throw new AppError('forbidden', 'Only an owner can publish a playbook; yours is saved as proposed.');
  const status = caller.role === 'owner' ? (requested ?? 'published') : 'proposed';
  const slug = fields.slug ?? slugFromTitle(fields.title);
  const result = await ctx.database.db
    .transaction(async (tx) => {
      const definition = await assertValidPlaybook(tx, caller.accountId, { ...fields, slug });
      const row = await insertPlaybook(tx, caller, definition, { status });
      await recordAuditEvent(tx, caller, {
        action: 'playbook.created',
        subjectType: 'playbook',
        subjectId: row.id,
        after: { slug: row.slug, title: row.title, status: row.status },
      });
      return playbookDetail(tx, caller, row);
    })
    .catch((error) => mapDbError(error, playbookSlugTakenMessages));
  if (status === 'published') ctx.knowledge.invalidate(caller.accountId);
  return result;
}
