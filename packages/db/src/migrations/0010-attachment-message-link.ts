import type { Migration } from '../migration.ts';

/**
 * An attachment joins one message of its session (the intake message or a chat message): the
 * link is a real foreign key, so it can never point at a message that is gone or at another
 * session's message, and it goes with the message (as the session link goes with the session).
 */
export const attachmentMessageLink: Migration = {
  id: '0010_attachment_message_link',
  up: /* sql */ `
    ALTER TABLE attachments
      ADD CONSTRAINT fk_attachments_message
        FOREIGN KEY (message_id) REFERENCES ai_session_messages(id) ON DELETE CASCADE,
      ADD CONSTRAINT ck_attachments_message_needs_session
        CHECK (message_id IS NULL OR ai_session_id IS NOT NULL);
    CREATE INDEX ix_attachments_message ON attachments (message_id) WHERE message_id IS NOT NULL;
  `,
  down: /* sql */ `
    DROP INDEX ix_attachments_message;
    ALTER TABLE attachments
      DROP CONSTRAINT ck_attachments_message_needs_session,
      DROP CONSTRAINT fk_attachments_message;
  `,
};
