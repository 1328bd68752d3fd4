import type { Migration } from '../migration.ts';

/**
 * "Run now, templatize after" queued a new draft template on every repeat, so one fix could
 * fill the owners' review queue with copies. At most one draft per fix waits for review;
 * once it is accepted or rejected the fix may queue another.
 *
 * Fixes that already have several pending drafts keep the oldest linked to them; the later
 * copies stay in the queue (nothing is reviewed on anyone's behalf) without the fix link.
 */
export const onePendingDraftPerFix: Migration = {
  id: '0007_one_pending_draft_per_fix',
  up: /* sql */ `
    UPDATE draft_templates d SET fix_id = NULL
    WHERE d.status = 'pending' AND d.fix_id IS NOT NULL
      AND EXISTS (
        SELECT 1 FROM draft_templates e
        WHERE e.fix_id = d.fix_id AND e.status = 'pending'
          AND (e.created_at, e.id) < (d.created_at, d.id)
      );
    CREATE UNIQUE INDEX ux_draft_templates_pending_fix ON draft_templates (fix_id)
      WHERE status = 'pending' AND fix_id IS NOT NULL;
  `,
  down: /* sql */ `
    DROP INDEX ux_draft_templates_pending_fix;
  `,
};
