import { SCRIPT_BUILDER_STANDALONE_CAP } from '@flowpilot/contracts/script-builder';
import type { Db } from '@flowpilot/db/database';
import {
  listOwnedStandaloneSessions,
  toBuilderSessionDto,
  type BuilderOwner,
} from './script-builder.repository.ts';

/** The caller's open standalone sessions (never the inline ones) against the cap. */
export async function listBuilderSessions(db: Db, owner: BuilderOwner) {
  const rows = await listOwnedStandaloneSessions(db, owner);
  return { items: rows.map(toBuilderSessionDto), count: rows.length, cap: SCRIPT_BUILDER_STANDALONE_CAP };
}
