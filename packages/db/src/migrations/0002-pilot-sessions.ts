import type { Migration } from '../migration.ts';

export const pilotSessions: Migration = {
  id: '0002_pilot_sessions',
  up: /* sql */ `
    CREATE TABLE ai_sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      session_type text NOT NULL DEFAULT 'tshoot' CHECK (session_type IN ('tshoot')),
      intake_type text NOT NULL CHECK (intake_type IN ('free_text', 'ticket', 'log_paste', 'combined')),
      intake_content jsonb NOT NULL,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      status text NOT NULL DEFAULT 'active'
        CHECK (status IN ('active', 'paused', 'resolved', 'escalated', 'abandoned')),
      confidence_score double precision NOT NULL DEFAULT 0
        CHECK (confidence_score >= 0 AND confidence_score <= 1),
      -- Derived, never written: the tier can't disagree with the score.
      confidence_tier text GENERATED ALWAYS AS (
        CASE WHEN confidence_score >= 0.8 THEN 'guided'
             WHEN confidence_score >= 0.4 THEN 'exploring'
             ELSE 'discovery' END) STORED,
      client_name text,
      asset_name text,
      issue_category text,
      triage_hypothesis text,
      task_lane jsonb NOT NULL DEFAULT '{"questions": [], "actions": []}'::jsonb,
      state_version integer NOT NULL DEFAULT 0 CHECK (state_version >= 0),
      search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(intake_content->>'ticket_ref', '') || ' ' ||
          coalesce(client_name, '') || ' ' || coalesce(asset_name, '') || ' ' ||
          coalesce(issue_category, '')), 'B') ||
        setweight(to_tsvector('english', left(coalesce(intake_content->>'text', ''), 100000)), 'C')
      ) STORED,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      last_message_at timestamptz
    );
    -- Keyset pagination of "my sessions, newest first".
    CREATE INDEX ix_ai_sessions_owner_created ON ai_sessions (account_id, user_id, created_at DESC, id DESC);
    CREATE INDEX ix_ai_sessions_search ON ai_sessions USING gin (search_vector);

    CREATE TABLE ai_session_messages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      seq bigint GENERATED ALWAYS AS IDENTITY,
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      ai_session_id uuid NOT NULL REFERENCES ai_sessions(id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('user', 'assistant')),
      kind text NOT NULL DEFAULT 'chat' CHECK (kind IN ('intake', 'chat')),
      -- Raw text as the model produced it (markers included); clients get prose + changes.
      content text NOT NULL DEFAULT '',
      status text NOT NULL DEFAULT 'complete' CHECK (status IN ('streaming', 'complete', 'failed')),
      error jsonb,
      changes jsonb,
      model_backend text,
      model_name text,
      input_tokens integer,
      output_tokens integer,
      created_at timestamptz NOT NULL DEFAULT now(),
      completed_at timestamptz
    );
    CREATE INDEX ix_ai_session_messages_session ON ai_session_messages (ai_session_id, seq);
    -- At most one reply being generated per session at a time.
    CREATE UNIQUE INDEX ux_ai_session_messages_streaming ON ai_session_messages (ai_session_id)
      WHERE status = 'streaming';

    CREATE TABLE session_facts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      ai_session_id uuid NOT NULL REFERENCES ai_sessions(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('question', 'diagnostic_check', 'engineer_note', 'ai_promoted')),
      text text NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
      source_item_id text,
      created_by_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      deleted_at timestamptz
    );
    CREATE INDEX ix_session_facts_session ON session_facts (ai_session_id, created_at);

    CREATE TABLE session_suggested_fixes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      ai_session_id uuid NOT NULL REFERENCES ai_sessions(id) ON DELETE CASCADE,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      description text NOT NULL DEFAULT '',
      confidence_pct integer NOT NULL DEFAULT 0 CHECK (confidence_pct BETWEEN 0 AND 100),
      status text NOT NULL DEFAULT 'proposed'
        CHECK (status IN ('proposed', 'applied_partial', 'applied_success', 'applied_failed', 'dismissed')),
      user_decision text CHECK (user_decision IN ('one_off', 'draft_template', 'build_template', 'dismissed')),
      script_template_id uuid,
      script_language text CHECK (script_language IN ('powershell', 'bash', 'python')),
      ai_drafted_script text CHECK (length(ai_drafted_script) <= 50000),
      ai_drafted_parameters jsonb,
      applied_at timestamptz,
      verified_at timestamptz,
      partial_notes text,
      failure_reason text,
      ai_outcome_proposal jsonb,
      superseded_at timestamptz,
      source text NOT NULL CHECK (source IN ('ai', 'engineer')),
      created_by_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX ux_session_suggested_fixes_active ON session_suggested_fixes (ai_session_id)
      WHERE superseded_at IS NULL;
    CREATE INDEX ix_session_suggested_fixes_session ON session_suggested_fixes (ai_session_id, created_at);
  `,
  down: /* sql */ `
    DROP TABLE session_suggested_fixes;
    DROP TABLE session_facts;
    DROP TABLE ai_session_messages;
    DROP TABLE ai_sessions;
  `,
};
