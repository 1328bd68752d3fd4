import type { Migration } from '../migration.ts';

/**
 * A session can close more than once: escalated, claimed by a colleague (issue 17), then
 * resolved or escalated again. Each close of a ticket-linked session posts its own note, so a
 * session has one delivery per close, not one in all; the latest is the one the banner shows.
 */
export const psaDeliveryPerClose: Migration = {
  id: '0016_psa_delivery_per_close',
  up: /* sql */ `
    ALTER TABLE psa_deliveries DROP CONSTRAINT psa_deliveries_ai_session_id_key;
    CREATE INDEX ix_psa_deliveries_session ON psa_deliveries (ai_session_id, created_at DESC);
  `,
  down: /* sql */ `
    DROP INDEX ix_psa_deliveries_session;
    DELETE FROM psa_deliveries d USING psa_deliveries newer
      WHERE newer.ai_session_id = d.ai_session_id
        AND (newer.created_at, newer.id) > (d.created_at, d.id);
    ALTER TABLE psa_deliveries ADD CONSTRAINT psa_deliveries_ai_session_id_key UNIQUE (ai_session_id);
  `,
};
