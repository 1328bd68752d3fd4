import type { Migration } from './migration.ts';
import { foundation } from './migrations/0001-foundation.ts';
import { pilotSessions } from './migrations/0002-pilot-sessions.ts';

/** Every migration in order. Append only; never edit one that has shipped. */
export const migrations: readonly Migration[] = [foundation, pilotSessions];
