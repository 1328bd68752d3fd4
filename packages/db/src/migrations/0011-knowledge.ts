import type { Migration } from '../migration.ts';

/**
 * Knowledge (SPEC §7.3): playbooks as data, their per-account counters, the proposals the
 * flywheel makes when a session is resolved, and one summary row per resolved session that
 * "similar sessions" ranks by full text and trigrams (ADR 019).
 */
export const knowledge: Migration = {
  id: '0011_knowledge',
  up: /* sql */ `
    -- Trusted since PostgreSQL 13 (a database owner may create it); PGlite loads it at open.
    CREATE EXTENSION IF NOT EXISTS pg_trgm;

    CREATE TABLE playbooks (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      -- NULL for built-ins, which every account sees and none can change.
      account_id uuid REFERENCES accounts(id),
      is_builtin boolean NOT NULL DEFAULT false,
      slug text NOT NULL,
      title text NOT NULL,
      category text NOT NULL,
      status text NOT NULL DEFAULT 'published' CHECK (status IN ('proposed', 'published')),
      -- The whole playbook as the shared schema (@flowpilot/core/playbook) validates it.
      definition jsonb NOT NULL,
      -- A built-in is rewritten in place only when the shipped content changes.
      content_hash text NOT NULL,
      version integer NOT NULL DEFAULT 1,
      source_session_id uuid REFERENCES ai_sessions(id),
      created_by_user_id uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      deleted_at timestamptz,
      CONSTRAINT ck_playbooks_builtin_has_no_account CHECK (is_builtin = (account_id IS NULL))
    );
    CREATE UNIQUE INDEX ux_playbooks_builtin_slug ON playbooks (slug) WHERE account_id IS NULL;
    CREATE UNIQUE INDEX ux_playbooks_account_slug ON playbooks (account_id, slug)
      WHERE account_id IS NOT NULL AND deleted_at IS NULL;
    CREATE INDEX ix_playbooks_account ON playbooks (account_id, updated_at DESC) WHERE deleted_at IS NULL;

    -- Built-ins are shared, so their counters (and the account's own) are kept per account.
    CREATE TABLE playbook_stats (
      account_id uuid NOT NULL REFERENCES accounts(id),
      playbook_id uuid NOT NULL REFERENCES playbooks(id),
      usage_count integer NOT NULL DEFAULT 0,
      success_count integer NOT NULL DEFAULT 0,
      last_used_at timestamptz,
      PRIMARY KEY (account_id, playbook_id)
    );

    CREATE TABLE knowledge_proposals (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL REFERENCES accounts(id),
      kind text NOT NULL CHECK (kind IN ('new_playbook', 'enhancement', 'reinforcement')),
      status text NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected', 'applied')),
      -- The playbook that matched (enhancement, reinforcement) or that accepting created.
      playbook_id uuid REFERENCES playbooks(id),
      summary text NOT NULL,
      -- The proposed playbook (new or enhanced) in the shared schema; NULL for a reinforcement.
      proposed jsonb,
      changes jsonb NOT NULL DEFAULT '[]',
      source_session_id uuid NOT NULL REFERENCES ai_sessions(id),
      source_user_id uuid REFERENCES users(id),
      source_ticket_ref text,
      decided_by_user_id uuid REFERENCES users(id),
      decided_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT ck_knowledge_proposals_reinforcement_applied
        CHECK ((kind = 'reinforcement') = (status = 'applied'))
    );
    -- One proposal per resolved session, whatever races the close.
    CREATE UNIQUE INDEX ux_knowledge_proposals_session ON knowledge_proposals (source_session_id);
    CREATE INDEX ix_knowledge_proposals_account ON knowledge_proposals (account_id, status, created_at DESC);

    -- What a resolved session teaches, kept apart from ai_sessions so that ranking reads only
    -- resolved sessions and includes their facts, cause and fix (ai_sessions' own search vector
    -- covers title and intake only).
    CREATE TABLE resolved_session_summaries (
      session_id uuid PRIMARY KEY REFERENCES ai_sessions(id),
      account_id uuid NOT NULL REFERENCES accounts(id),
      resolved_at timestamptz NOT NULL,
      resolved_by_user_id uuid REFERENCES users(id),
      title text NOT NULL,
      root_cause text,
      fix_title text,
      fix_description text,
      fix_outcome text,
      playbook_slug text,
      document text NOT NULL,
      -- Short text for trigram similarity: title, cause and fix.
      summary text NOT NULL,
      search_vector tsvector GENERATED ALWAYS AS (to_tsvector('english', document)) STORED
    );
    CREATE INDEX ix_resolved_session_summaries_search ON resolved_session_summaries USING gin (search_vector);
    -- GiST, not GIN: it also orders by trigram distance (summary <-> text), which bounds the candidates.
    CREATE INDEX ix_resolved_session_summaries_trgm ON resolved_session_summaries USING gist (summary gist_trgm_ops);
    CREATE INDEX ix_resolved_session_summaries_account ON resolved_session_summaries (account_id, resolved_at DESC);
  `,
  // pg_trgm stays: dropping an extension is not this migration's to undo once others may use it.
  down: /* sql */ `
    DROP TABLE resolved_session_summaries;
    DROP TABLE knowledge_proposals;
    DROP TABLE playbook_stats;
    DROP TABLE playbooks;
  `,
};
