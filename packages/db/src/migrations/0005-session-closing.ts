import type { Migration } from '../migration.ts';

export const sessionClosing: Migration = {
  id: '0005_session_closing',
  up: /* sql */ `
    -- What was posted when the session was closed: the note or package as sent (possibly
    -- edited by the engineer), when, and by whom. A session is closed one way, once.
    ALTER TABLE ai_sessions
      ADD COLUMN resolution_note text CHECK (length(resolution_note) <= 100000),
      ADD COLUMN resolved_at timestamptz,
      ADD COLUMN escalation_package text CHECK (length(escalation_package) <= 100000),
      ADD COLUMN escalated_at timestamptz,
      ADD COLUMN closed_by_user_id uuid REFERENCES users(id) ON DELETE SET NULL;
  `,
  down: /* sql */ `
    ALTER TABLE ai_sessions
      DROP COLUMN closed_by_user_id,
      DROP COLUMN escalated_at,
      DROP COLUMN escalation_package,
      DROP COLUMN resolved_at,
      DROP COLUMN resolution_note;
  `,
};
