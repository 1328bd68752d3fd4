import type { Migration } from '../migration.ts';

export const scriptTemplates: Migration = {
  id: '0003_script_templates',
  up: /* sql */ `
    CREATE TABLE script_templates (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      -- NULL only for the built-ins shipped with the product, which every account sees.
      account_id uuid REFERENCES accounts(id) ON DELETE CASCADE,
      is_builtin boolean NOT NULL DEFAULT false,
      slug text CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
      language text NOT NULL CHECK (language IN ('powershell', 'bash', 'python')),
      category text NOT NULL DEFAULT 'General' CHECK (length(category) BETWEEN 1 AND 100),
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 50000),
      parameters_schema jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(parameters_schema) = 'array'),
      source_session_id uuid REFERENCES ai_sessions(id) ON DELETE SET NULL,
      source_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
      source_ticket_ref text CHECK (length(source_ticket_ref) <= 100),
      -- Counters of the account's own templates; built-ins count per account in builtin_template_stats.
      usage_count integer NOT NULL DEFAULT 0 CHECK (usage_count >= 0),
      success_count integer NOT NULL DEFAULT 0 CHECK (success_count >= 0),
      failure_count integer NOT NULL DEFAULT 0 CHECK (failure_count >= 0),
      partial_count integer NOT NULL DEFAULT 0 CHECK (partial_count >= 0),
      created_by_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      deleted_at timestamptz,
      search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(name, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(category, '')), 'B') ||
        setweight(to_tsvector('english', coalesce(description, '')), 'C')
      ) STORED,
      CONSTRAINT ck_script_templates_owner CHECK (
        (is_builtin AND account_id IS NULL AND slug IS NOT NULL) OR (NOT is_builtin AND account_id IS NOT NULL))
    );
    CREATE UNIQUE INDEX ux_script_templates_builtin_slug ON script_templates (slug) WHERE is_builtin;
    CREATE UNIQUE INDEX ux_script_templates_account_name ON script_templates (account_id, lower(name))
      WHERE deleted_at IS NULL;
    -- Library listing: keyset by (lower(name), id) within the account and among built-ins.
    CREATE INDEX ix_script_templates_listing ON script_templates (account_id, lower(name), id)
      WHERE deleted_at IS NULL;
    CREATE INDEX ix_script_templates_search ON script_templates USING gin (search_vector);

    -- Built-ins are shared; how often an account used them is that account's data alone.
    CREATE TABLE builtin_template_stats (
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      template_id uuid NOT NULL REFERENCES script_templates(id) ON DELETE CASCADE,
      usage_count integer NOT NULL DEFAULT 0 CHECK (usage_count >= 0),
      success_count integer NOT NULL DEFAULT 0 CHECK (success_count >= 0),
      failure_count integer NOT NULL DEFAULT 0 CHECK (failure_count >= 0),
      partial_count integer NOT NULL DEFAULT 0 CHECK (partial_count >= 0),
      PRIMARY KEY (account_id, template_id)
    );

    CREATE TABLE script_generations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      user_id uuid REFERENCES users(id) ON DELETE SET NULL,
      template_id uuid NOT NULL REFERENCES script_templates(id) ON DELETE CASCADE,
      ai_session_id uuid REFERENCES ai_sessions(id) ON DELETE SET NULL,
      fix_id uuid REFERENCES session_suggested_fixes(id) ON DELETE SET NULL,
      -- Redacted copies only: a secret parameter value is never written to disk.
      parameters jsonb NOT NULL DEFAULT '{}'::jsonb,
      rendered_script text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX ix_script_generations_account_created ON script_generations (account_id, created_at);
    CREATE INDEX ix_script_generations_session ON script_generations (ai_session_id) WHERE ai_session_id IS NOT NULL;

    CREATE TABLE draft_templates (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      ai_session_id uuid NOT NULL REFERENCES ai_sessions(id) ON DELETE CASCADE,
      fix_id uuid REFERENCES session_suggested_fixes(id) ON DELETE SET NULL,
      created_by_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
      proposed_name text NOT NULL CHECK (length(proposed_name) BETWEEN 1 AND 200),
      language text NOT NULL CHECK (language IN ('powershell', 'bash', 'python')),
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 50000),
      parameters jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(parameters) = 'array'),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
      reviewed_by_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
      reviewed_at timestamptz,
      promoted_template_id uuid REFERENCES script_templates(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT ck_draft_templates_review CHECK ((status = 'pending') = (reviewed_at IS NULL))
    );
    CREATE INDEX ix_draft_templates_account_status ON draft_templates (account_id, status, created_at DESC);
  `,
  down: /* sql */ `
    DROP TABLE draft_templates;
    DROP TABLE script_generations;
    DROP TABLE builtin_template_stats;
    DROP TABLE script_templates;
  `,
};
