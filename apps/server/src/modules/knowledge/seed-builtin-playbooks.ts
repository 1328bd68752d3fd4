import { createHash } from 'node:crypto';
import { and, eq, isNull, notInArray, sql } from 'drizzle-orm';
import { loadPlaybookPack } from '@flowpilot/assistant/offline/playbook-pack';
import type { Db } from '@flowpilot/db/database';
import { playbooks } from '@flowpilot/db/schema-knowledge';
import { builtinPlaybookId } from './builtin-playbook-id.ts';

/**
 * Upserts the bundled pack as built-in playbooks with fixed ids. A row is rewritten (and its
 * version bumped) only when the shipped content changed, so reboots touch nothing and several
 * processes may boot at once. A built-in that left the pack is hidden, never removed: counters
 * and proposals still point at it.
 */
export async function seedBuiltinPlaybooks(database: { db: Db }) {
  const rows = loadPlaybookPack().map((playbook) => ({
    id: builtinPlaybookId(playbook.slug),
    accountId: null,
    isBuiltin: true,
    slug: playbook.slug,
    title: playbook.title,
    category: playbook.category,
    status: 'published' as const,
    definition: playbook,
    contentHash: createHash('sha256').update(JSON.stringify(playbook)).digest('hex'),
  }));
  await database.db.transaction(async (tx) => {
    await tx
      .insert(playbooks)
      .values(rows)
      .onConflictDoUpdate({
        target: playbooks.id,
        set: {
          slug: sql.raw('excluded.slug'),
          title: sql.raw('excluded.title'),
          category: sql.raw('excluded.category'),
          definition: sql.raw('excluded.definition'),
          contentHash: sql.raw('excluded.content_hash'),
          version: sql`${playbooks.version} + 1`,
          deletedAt: null,
          updatedAt: sql`now()`,
        },
        setWhere: sql`${playbooks.contentHash} <> excluded.content_hash OR ${playbooks.deletedAt} IS NOT NULL`,
      });
    await tx
      .update(playbooks)
      .set({ deletedAt: new Date() })
      .where(
        and(
          eq(playbooks.isBuiltin, true),
          isNull(playbooks.deletedAt),
          notInArray(
            playbooks.id,
            rows.map((row) => row.id),
          ),
        ),
      );
  });
  return rows.length;
}
