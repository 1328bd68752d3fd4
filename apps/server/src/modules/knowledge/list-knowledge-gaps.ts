import { sql } from 'drizzle-orm';
import type { Db } from '@flowpilot/db/database';
import type { Caller } from '../../http/request-auth.ts';

interface GapRow {
  category: string;
  sessions: number;
  escalated: number;
  without_playbook: number;
  playbooks: number;
}

/**
 * Problem areas where the account's knowledge runs out, from its own closed sessions: many
 * escalations, or resolutions no playbook's fix accounted for. A session's area is its matched
 * playbook's category, else its triage category.
 */
export async function listKnowledgeGaps(db: Db, caller: Caller) {
  const result = await db.execute(sql`
    WITH closed AS (
      SELECT a.status, r.playbook_slug,
             coalesce(matched.category, nullif(trim(a.issue_category), ''), 'Uncategorised') AS category
        FROM ai_sessions a
        LEFT JOIN resolved_session_summaries r ON r.session_id = a.id
        LEFT JOIN LATERAL (
          SELECT p.category FROM playbooks p
           WHERE p.slug = r.playbook_slug AND (p.account_id IS NULL OR p.account_id = a.account_id)
           ORDER BY p.account_id NULLS LAST LIMIT 1
        ) matched ON true
       WHERE a.account_id = ${caller.accountId} AND a.status IN ('resolved', 'escalated')
    )
    SELECT category,
           count(*)::int AS sessions,
           (count(*) FILTER (WHERE status = 'escalated'))::int AS escalated,
           (count(*) FILTER (WHERE playbook_slug IS NULL))::int AS without_playbook,
           (SELECT count(*)::int FROM playbooks p
             WHERE p.category = closed.category AND p.deleted_at IS NULL AND p.status = 'published'
               AND (p.account_id IS NULL OR p.account_id = ${caller.accountId})) AS playbooks
      FROM closed
     GROUP BY category
    HAVING count(*) FILTER (WHERE status = 'escalated' OR playbook_slug IS NULL) > 0
     ORDER BY count(*) FILTER (WHERE status = 'escalated' OR playbook_slug IS NULL) DESC, category
     LIMIT 20
  `);
  return { items: (result as unknown as { rows: GapRow[] }).rows };
}
