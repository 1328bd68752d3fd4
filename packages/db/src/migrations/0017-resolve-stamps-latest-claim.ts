import type { Migration } from '../migration.ts';

/**
 * A claimed escalation can be escalated again (the claimant hands it on) and claimed anew. Its
 * first claim then ended in an escalation, not a resolution: only the latest claim's stretch
 * ends when the session is resolved. 0013 stamped every open claim, so a re-escalated first
 * claim counted the second wait and the second engineer's work as its own "claim to
 * resolution".
 */
export const resolveStampsLatestClaim: Migration = {
  id: '0017_resolve_stamps_latest_claim',
  up: /* sql */ `
    CREATE OR REPLACE FUNCTION ai_sessions_escalation_log() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.status = 'escalated' AND OLD.status IS DISTINCT FROM 'escalated' THEN
        INSERT INTO session_escalations (account_id, ai_session_id, escalated_by, escalated_at)
        VALUES (NEW.account_id, NEW.id, NEW.closed_by_user_id, coalesce(NEW.escalated_at, now()));
      ELSIF NEW.status = 'resolved' AND OLD.status IS DISTINCT FROM 'resolved' THEN
        UPDATE session_escalations SET resolved_at = coalesce(NEW.resolved_at, now())
        WHERE id = (
          SELECT id FROM session_escalations
          WHERE ai_session_id = NEW.id AND claimed_at IS NOT NULL AND resolved_at IS NULL
          ORDER BY claimed_at DESC, id DESC LIMIT 1
        ) AND NOT EXISTS (
          -- A later escalation still waiting means the latest claim ended by escalating.
          SELECT 1 FROM session_escalations WHERE ai_session_id = NEW.id AND claimed_at IS NULL
        );
      END IF;
      RETURN NULL;
    END $$;
  `,
  down: /* sql */ `
    CREATE OR REPLACE FUNCTION ai_sessions_escalation_log() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.status = 'escalated' AND OLD.status IS DISTINCT FROM 'escalated' THEN
        INSERT INTO session_escalations (account_id, ai_session_id, escalated_by, escalated_at)
        VALUES (NEW.account_id, NEW.id, NEW.closed_by_user_id, coalesce(NEW.escalated_at, now()));
      ELSIF NEW.status = 'resolved' AND OLD.status IS DISTINCT FROM 'resolved' THEN
        UPDATE session_escalations SET resolved_at = coalesce(NEW.resolved_at, now())
        WHERE ai_session_id = NEW.id AND claimed_at IS NOT NULL AND resolved_at IS NULL;
      END IF;
      RETURN NULL;
    END $$;
  `,
};
