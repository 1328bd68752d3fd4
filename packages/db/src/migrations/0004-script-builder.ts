import type { Migration } from '../migration.ts';

export const scriptBuilder: Migration = {
  id: '0004_script_builder',
  up: /* sql */ `
    CREATE TABLE script_builder_sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      language text NOT NULL DEFAULT 'powershell'
        CONSTRAINT ck_script_builder_sessions_language CHECK (language IN ('powershell', 'bash', 'python')),
      origin text NOT NULL DEFAULT 'standalone'
        CONSTRAINT ck_script_builder_sessions_origin CHECK (origin IN ('standalone', 'pilot_inline')),
      -- The pilot session an inline builder belongs to; it goes when that session goes.
      ai_session_id uuid REFERENCES ai_sessions(id) ON DELETE CASCADE,
      title text CHECK (length(title) BETWEEN 1 AND 200),
      latest_script text CHECK (length(latest_script) <= 50000),
      latest_script_filename text CHECK (length(latest_script_filename) BETWEEN 1 AND 200),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      deleted_at timestamptz,
      CONSTRAINT ck_script_builder_sessions_origin_ai_session
        CHECK (origin <> 'pilot_inline' OR ai_session_id IS NOT NULL)
    );
    -- One inline builder per (engineer, pilot session): get-or-create relies on it under concurrency.
    CREATE UNIQUE INDEX ux_script_builder_sessions_pilot_inline ON script_builder_sessions (user_id, ai_session_id)
      WHERE origin = 'pilot_inline';
    -- "My open standalone sessions, newest first" and the cap count.
    CREATE INDEX ix_script_builder_sessions_standalone ON script_builder_sessions (account_id, user_id, created_at DESC)
      WHERE origin = 'standalone' AND deleted_at IS NULL;

    CREATE TABLE script_builder_messages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      seq bigint GENERATED ALWAYS AS IDENTITY,
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      session_id uuid NOT NULL REFERENCES script_builder_sessions(id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('user', 'assistant')),
      content text NOT NULL DEFAULT '',
      status text NOT NULL DEFAULT 'complete' CHECK (status IN ('streaming', 'complete', 'failed')),
      error jsonb,
      input_tokens integer,
      output_tokens integer,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX ix_script_builder_messages_session ON script_builder_messages (session_id, seq);
    -- At most one reply being generated per builder session at a time.
    CREATE UNIQUE INDEX ux_script_builder_messages_streaming ON script_builder_messages (session_id)
      WHERE status = 'streaming';
  `,
  down: /* sql */ `
    DROP TABLE script_builder_messages;
    DROP TABLE script_builder_sessions;
  `,
};
