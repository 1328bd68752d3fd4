import { and, eq } from 'drizzle-orm';
import { scriptFilename } from '@flowpilot/assistant/offline/script-composer';
import { AppError } from '@flowpilot/core/app-error';
import {
  SCRIPT_BUILDER_STANDALONE_CAP,
  type TCreateScriptBuilderSessionRequest,
} from '@flowpilot/contracts/script-builder';
import { mapDbError } from '@flowpilot/db/db-errors';
import { users } from '@flowpilot/db/schema-accounts';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { getWritableSession } from '../session-core/sessions.repository.ts';
import {
  countOwnedStandaloneSessions,
  insertInlineSessionIfAbsent,
  insertStandaloneSession,
  toBuilderSessionDto,
} from './script-builder.repository.ts';

export const capReachedMessage = `You have ${SCRIPT_BUILDER_STANDALONE_CAP} open Script Builder sessions. Delete one in Script Builder to start another.`;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Starts a Script Builder session. Standalone: a new row, at most five open per engineer.
 * Pilot inline: get-or-create of the one row for (engineer, pilot session) — repeated and
 * concurrent calls all answer with that same row. `created` tells 201 from 200.
 */
export async function createBuilderSession(
  ctx: AppContext,
  caller: Caller,
  input: TCreateScriptBuilderSessionRequest,
) {
  const db = ctx.database.db;
  if (input.origin === 'pilot_inline' && !input.ai_session_id) {
    throw new AppError('bad_request', 'ai_session_id is required when origin is pilot_inline.', {
      errors: [{ field: 'body.ai_session_id', message: 'is required when origin is pilot_inline' }],
    });
  }
  // Someone else's (or another account's) pilot session is simply not there: 404.
  const pilot = input.ai_session_id ? await getWritableSession(db, caller, input.ai_session_id) : null;
  const title = input.title ?? (pilot ? clip(`Script for: ${pilot.title}`, 200) : null);
  const script = input.initial_script ? input.initial_script : null;
  const values = {
    language: input.language,
    aiSessionId: pilot?.id ?? null,
    title,
    latestScript: script,
    latestScriptFilename: script
      ? (input.initial_script_filename ?? scriptFilename(title ?? '', input.language))
      : null,
  };

  if (input.origin === 'pilot_inline') {
    const { row, created } = await insertInlineSessionIfAbsent(db, caller, {
      ...values,
      aiSessionId: pilot!.id,
    }).catch((error) => mapDbError(error));
    return { session: toBuilderSessionDto(row), created };
  }

  const row = await db.transaction(async (tx) => {
    // Serialises this engineer's creates so two at once cannot both slip under the cap.
    await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, caller.userId), eq(users.accountId, caller.accountId)))
      .for('update');
    if ((await countOwnedStandaloneSessions(tx, caller)) >= SCRIPT_BUILDER_STANDALONE_CAP) {
      throw new AppError('conflict', capReachedMessage);
    }
    return insertStandaloneSession(tx, caller, values);
  });
  return { session: toBuilderSessionDto(row), created: true };
}
