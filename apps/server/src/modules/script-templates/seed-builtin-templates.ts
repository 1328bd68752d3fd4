import { and, eq, isNull, notInArray, sql } from 'drizzle-orm';
import { builtinTemplateId } from '@flowpilot/assistant/builtin-template-id';
import { loadPlaybookPack } from '@flowpilot/assistant/offline/playbook-pack';
import type { Db } from '@flowpilot/db/database';
import { scriptTemplates } from '@flowpilot/db/schema-scripts';

/**
 * Upserts the templates of the offline playbook pack as built-ins, by the same fixed ids the
 * offline engine puts in `[SUGGEST_FIX]`. Idempotent, and safe when several processes boot at
 * once. A built-in that left the pack is hidden (soft-deleted), never removed: old fixes and
 * generations still point at it.
 */
export async function seedBuiltinTemplates(database: { db: Db }) {
  const rows = loadPlaybookPack().map(({ template }) => ({
    id: builtinTemplateId(template.slug),
    accountId: null,
    isBuiltin: true,
    slug: template.slug,
    name: template.name,
    description: template.description,
    language: template.language,
    category: template.category,
    body: template.body,
    parametersSchema: template.parameters_schema,
  }));
  const excluded = (column: string) => sql.raw(`excluded.${column}`);
  await database.db.transaction(async (tx) => {
    await tx
      .insert(scriptTemplates)
      .values(rows)
      .onConflictDoUpdate({
        target: scriptTemplates.id,
        set: {
          slug: excluded('slug'),
          name: excluded('name'),
          description: excluded('description'),
          language: excluded('language'),
          category: excluded('category'),
          body: excluded('body'),
          parametersSchema: excluded('parameters_schema'),
          deletedAt: null,
          updatedAt: sql`now()`,
        },
        // Leave unchanged rows alone so a reboot does not touch updated_at.
        setWhere: sql`(${scriptTemplates.slug}, ${scriptTemplates.name}, ${scriptTemplates.description}, ${scriptTemplates.language},
          ${scriptTemplates.category}, ${scriptTemplates.body}, ${scriptTemplates.parametersSchema}, ${scriptTemplates.deletedAt} IS NULL)
          IS DISTINCT FROM (excluded.slug, excluded.name, excluded.description, excluded.language,
          excluded.category, excluded.body, excluded.parameters_schema, true)`,
      });
    await tx
      .update(scriptTemplates)
      .set({ deletedAt: new Date() })
      .where(
        and(
          eq(scriptTemplates.isBuiltin, true),
          isNull(scriptTemplates.deletedAt),
          notInArray(
            scriptTemplates.id,
            rows.map((row) => row.id),
          ),
        ),
      );
  });
  return rows.length;
}
