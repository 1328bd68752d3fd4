import type { Migration } from '../migration.ts';

export const attachmentsTable: Migration = {
  id: '0009_attachments',
  up: /* sql */ `
    CREATE TABLE attachments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      uploaded_by uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      -- Set when the attachment joins a session's intake or one of its messages; it then
      -- follows the session's lifecycle.
      ai_session_id uuid REFERENCES ai_sessions(id) ON DELETE CASCADE,
      message_id uuid,
      filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
      content_type text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('image', 'text')),
      size_bytes integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 10485760),
      width integer,
      height integer,
      sha256 text NOT NULL,
      content bytea NOT NULL,
      extraction_status text NOT NULL CHECK (extraction_status IN ('pending', 'done', 'failed', 'none')),
      extracted_text text,
      extraction_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      used_at timestamptz
    );
    CREATE INDEX ix_attachments_session ON attachments (ai_session_id, created_at) WHERE ai_session_id IS NOT NULL;
    -- The expiry job's scan: unused uploads by age.
    CREATE INDEX ix_attachments_unused ON attachments (created_at) WHERE ai_session_id IS NULL;
  `,
  down: /* sql */ `
    DROP TABLE attachments;
  `,
};
