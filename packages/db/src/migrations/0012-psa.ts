import type { Migration } from '../migration.ts';

export const psaConnection: Migration = {
  id: '0012_psa',
  up: /* sql */ `
    CREATE TABLE psa_connections (
      account_id uuid PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
      provider text NOT NULL CHECK (provider IN ('connectwise', 'halopsa', 'autotask')),
      settings jsonb NOT NULL,
      -- AES-256-GCM ciphertext (v1:iv:tag:data, base64); the key never reaches the database.
      secrets text NOT NULL,
      status text NOT NULL CHECK (status IN ('connected', 'error')),
      last_error text,
      last_checked_at timestamptz,
      updated_by_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE psa_ticket_links (
      ai_session_id uuid PRIMARY KEY REFERENCES ai_sessions(id) ON DELETE CASCADE,
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      provider text NOT NULL CHECK (provider IN ('connectwise', 'halopsa', 'autotask')),
      ticket_id text NOT NULL,
      ticket_number text NOT NULL,
      ticket_url text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX ix_psa_ticket_links_account ON psa_ticket_links (account_id);

    CREATE TABLE psa_deliveries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      -- A session closes once, so it has at most one delivery.
      ai_session_id uuid NOT NULL UNIQUE REFERENCES ai_sessions(id) ON DELETE CASCADE,
      closed_by_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
      provider text NOT NULL CHECK (provider IN ('connectwise', 'halopsa', 'autotask')),
      ticket_id text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('resolution', 'internal')),
      body text NOT NULL,
      idempotency_key text NOT NULL UNIQUE,
      requested_status_id text,
      post_time_entry boolean NOT NULL DEFAULT false,
      work_started_at timestamptz NOT NULL,
      work_ended_at timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
      attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      last_error text,
      next_attempt_at timestamptz,
      locked_until timestamptz,
      note_id text,
      status_done boolean NOT NULL DEFAULT false,
      status_verified boolean,
      actual_status_id text,
      status_skipped_reason text,
      time_entry_done boolean NOT NULL DEFAULT false,
      time_entry_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      delivered_at timestamptz,
      CHECK (status <> 'delivered' OR note_id IS NOT NULL)
    );
    -- The runner's sweep: pending deliveries by when they are due.
    CREATE INDEX ix_psa_deliveries_due ON psa_deliveries (next_attempt_at) WHERE status = 'pending';
  `,
  down: /* sql */ `
    DROP TABLE psa_deliveries;
    DROP TABLE psa_ticket_links;
    DROP TABLE psa_connections;
  `,
};
