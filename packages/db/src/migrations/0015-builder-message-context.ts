import type { Migration } from '../migration.ts';

/**
 * A Script Builder reply in the pilot's inline tab records what the model was given (issue 12
 * item 7), like a pilot reply does (0008): the same report, jsonb, nothing queries inside it.
 * Standalone builder replies keep it null (they send their own latest messages, no budget).
 */
export const builderMessageContext: Migration = {
  id: '0015_builder_message_context',
  up: /* sql */ `
    ALTER TABLE script_builder_messages ADD COLUMN context jsonb;
  `,
  down: /* sql */ `
    ALTER TABLE script_builder_messages DROP COLUMN context;
  `,
};
