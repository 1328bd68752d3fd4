import type { Migration } from '../migration.ts';

/** The search document, shared by the trigger (up) and the generated column it replaces (down). */
const searchDocument = (row: string) => `
  setweight(to_tsvector('english', coalesce(${row}title, '')), 'A') ||
  setweight(to_tsvector('english', coalesce(${row}intake_content->>'ticket_ref', '') || ' ' ||
    coalesce(${row}client_name, '') || ' ' || coalesce(${row}asset_name, '') || ' ' ||
    coalesce(${row}issue_category, '')), 'B') ||
  setweight(to_tsvector('english', left(coalesce(${row}intake_content->>'text', ''), 100000)), 'C')`;

/**
 * PostgreSQL recomputes every stored generated column on every UPDATE, whatever it sets.
 * ai_sessions is updated on each note-relevant write (state_version), so each fix action and
 * chat turn re-ran to_tsvector over the whole intake. A trigger limited to the columns the
 * document reads (`UPDATE OF …`) keeps the same content and index without that cost.
 */
export const sessionSearchTrigger: Migration = {
  id: '0006_session_search_trigger',
  up: /* sql */ `
    ALTER TABLE ai_sessions ALTER COLUMN search_vector DROP EXPRESSION;
    CREATE FUNCTION ai_sessions_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.search_vector := ${searchDocument('NEW.')};
      RETURN NEW;
    END $$;
    CREATE TRIGGER tr_ai_sessions_search_vector
      BEFORE INSERT OR UPDATE OF title, intake_content, client_name, asset_name, issue_category, search_vector
      ON ai_sessions FOR EACH ROW EXECUTE FUNCTION ai_sessions_search_vector();
  `,
  down: /* sql */ `
    DROP TRIGGER tr_ai_sessions_search_vector ON ai_sessions;
    DROP FUNCTION ai_sessions_search_vector();
    ALTER TABLE ai_sessions DROP COLUMN search_vector;
    ALTER TABLE ai_sessions ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (${searchDocument('')}) STORED;
    CREATE INDEX ix_ai_sessions_search ON ai_sessions USING gin (search_vector);
  `,
};
