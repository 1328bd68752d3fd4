import type { Migration } from '../migration.ts';

/**
 * Each assistant reply records what the model was given (issue 12): the budget, our token
 * count, how many turns and characters were left out, prompt-cache tokens. A jsonb column
 * because the report grows with the builder; nothing queries inside it.
 */
export const messageContextSent: Migration = {
  id: '0008_message_context_sent',
  up: /* sql */ `
    ALTER TABLE ai_session_messages ADD COLUMN context jsonb;
  `,
  down: /* sql */ `
    ALTER TABLE ai_session_messages DROP COLUMN context;
  `,
};
