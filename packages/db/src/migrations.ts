import type { Migration } from './migration.ts';
import { foundation } from './migrations/0001-foundation.ts';
import { pilotSessions } from './migrations/0002-pilot-sessions.ts';
import { scriptTemplates } from './migrations/0003-script-templates.ts';
import { scriptBuilder } from './migrations/0004-script-builder.ts';
import { sessionClosing } from './migrations/0005-session-closing.ts';
import { sessionSearchTrigger } from './migrations/0006-session-search-trigger.ts';

/** Every migration in order. Append only; never edit one that has shipped. */
export const migrations: readonly Migration[] = [
  foundation,
  pilotSessions,
  scriptTemplates,
  scriptBuilder,
  sessionClosing,
  sessionSearchTrigger,
];
