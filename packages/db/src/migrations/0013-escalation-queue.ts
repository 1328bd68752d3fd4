import type { Migration } from '../migration.ts';

/**
 * The escalation queue (issue 17, SPEC §7.5).
 *
 * - `ai_sessions.assignee_id`: who claimed the session; the access rule (core/session-access)
 *   lets the assignee work it and keeps the opener (`user_id`) reading.
 * - `session_escalations`: one row per time a session was escalated, with who claimed it and
 *   when it was resolved afterwards. Rows are written by triggers on `ai_sessions.status`, so
 *   every way of escalating or resolving (today's close, a PSA-linked close) is recorded in the
 *   same transaction without the closing code knowing about the queue. The durations are
 *   generated columns: per-account charts need only `avg()`/percentiles over them.
 * - Messages gain the `handoff` kind: the transcript's "Picked up by … from …" entry.
 */
export const escalationQueue: Migration = {
  id: '0013_escalation_queue',
  up: /* sql */ `
    ALTER TABLE ai_sessions ADD COLUMN assignee_id uuid REFERENCES users(id);

    CREATE TABLE session_escalations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      ai_session_id uuid NOT NULL REFERENCES ai_sessions(id) ON DELETE CASCADE,
      escalated_by uuid REFERENCES users(id),
      escalated_at timestamptz NOT NULL,
      claimed_by uuid REFERENCES users(id),
      claimed_at timestamptz,
      resolved_at timestamptz,
      seconds_to_claim double precision
        GENERATED ALWAYS AS (EXTRACT(EPOCH FROM (claimed_at - escalated_at))) STORED,
      seconds_claim_to_resolution double precision
        GENERATED ALWAYS AS (EXTRACT(EPOCH FROM (resolved_at - claimed_at))) STORED,
      CHECK (claimed_at IS NULL OR claimed_by IS NOT NULL),
      CHECK (resolved_at IS NULL OR claimed_at IS NOT NULL)
    );
    -- A session waits in the queue at most once at a time.
    CREATE UNIQUE INDEX ux_session_escalations_waiting ON session_escalations (ai_session_id)
      WHERE claimed_at IS NULL;
    CREATE INDEX ix_session_escalations_account ON session_escalations (account_id, escalated_at);

    CREATE FUNCTION ai_sessions_escalation_log() RETURNS trigger LANGUAGE plpgsql AS $$
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
    CREATE TRIGGER tr_ai_sessions_escalation_log
      AFTER UPDATE OF status ON ai_sessions
      FOR EACH ROW EXECUTE FUNCTION ai_sessions_escalation_log();

    ALTER TABLE ai_session_messages DROP CONSTRAINT ai_session_messages_kind_check;
    ALTER TABLE ai_session_messages ADD CONSTRAINT ai_session_messages_kind_check
      CHECK (kind IN ('intake', 'chat', 'handoff'));
  `,
  down: /* sql */ `
    DELETE FROM ai_session_messages WHERE kind = 'handoff';
    ALTER TABLE ai_session_messages DROP CONSTRAINT ai_session_messages_kind_check;
    ALTER TABLE ai_session_messages ADD CONSTRAINT ai_session_messages_kind_check
      CHECK (kind IN ('intake', 'chat'));
    DROP TRIGGER tr_ai_sessions_escalation_log ON ai_sessions;
    DROP FUNCTION ai_sessions_escalation_log();
    DROP TABLE session_escalations;
    ALTER TABLE ai_sessions DROP COLUMN assignee_id;
  `,
};
