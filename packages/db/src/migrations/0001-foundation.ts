import type { Migration } from '../migration.ts';

export const foundation: Migration = {
  id: '0001_foundation',
  up: /* sql */ `
    CREATE TABLE accounts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      email text NOT NULL,
      name text NOT NULL,
      password_hash text NOT NULL,
      account_role text NOT NULL CHECK (account_role IN ('owner', 'engineer', 'viewer')),
      is_super_admin boolean NOT NULL DEFAULT false,
      is_active boolean NOT NULL DEFAULT true,
      must_change_password boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    -- One login per email across the platform: login takes no account hint.
    CREATE UNIQUE INDEX ux_users_email ON users (lower(email));
    CREATE INDEX ix_users_account ON users (account_id);

    CREATE TABLE account_settings (
      account_id uuid PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
      settings jsonb NOT NULL DEFAULT '{}'::jsonb,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE auth_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      token_hash text NOT NULL UNIQUE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz
    );
    CREATE INDEX ix_auth_tokens_user ON auth_tokens (user_id);

    CREATE TABLE audit_events (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      actor_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
      action text NOT NULL,
      subject_type text NOT NULL,
      subject_id uuid,
      ai_session_id uuid,
      before jsonb,
      after jsonb,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX ix_audit_events_account_created ON audit_events (account_id, created_at);
    CREATE INDEX ix_audit_events_session ON audit_events (ai_session_id, created_at);

    -- Append-only: the audit trail is evidence, so the database itself refuses edits.
    CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'P0001';
    END $$;
    CREATE TRIGGER tr_audit_events_append_only BEFORE UPDATE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
  `,
  down: /* sql */ `
    DROP TABLE audit_events;
    DROP FUNCTION audit_events_append_only();
    DROP TABLE auth_tokens;
    DROP TABLE account_settings;
    DROP TABLE users;
    DROP TABLE accounts;
  `,
};
