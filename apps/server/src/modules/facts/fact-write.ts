import { AppError } from '@flowpilot/core/app-error';
import type { Tx } from '@flowpilot/db/database';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import {
  assertSessionWritable,
  bumpStateVersion,
  lockOwnedSession,
  type SessionRow,
} from '../session-core/sessions.repository.ts';
import { findSessionFact, type FactRow } from './facts.repository.ts';

/**
 * The frame every fact write shares: lock the session, refuse a read-only one, make the
 * change, bump state_version by exactly one. One transaction, so concurrent writers queue.
 */
export function writeFacts<T>(
  ctx: AppContext,
  caller: Caller,
  sessionId: string,
  change: (tx: Tx, session: SessionRow) => Promise<T>,
) {
  return ctx.database.db.transaction(async (tx) => {
    const session = await lockOwnedSession(tx, caller, sessionId);
    assertSessionWritable(session);
    const result = await change(tx, session);
    await bumpStateVersion(tx, session.id);
    return result;
  });
}

/** Facts derived from task-lane items follow their item; changing one directly would drift from it. */
export async function getEditableFact(tx: Tx, sessionId: string, factId: string): Promise<FactRow> {
  const fact = await findSessionFact(tx, sessionId, factId);
  if (!fact) throw new AppError('not_found', 'No such fact in this session.');
  if (fact.kind === 'question' || fact.kind === 'diagnostic_check') {
    const item = fact.kind === 'question' ? 'question' : 'diagnostic check';
    throw new AppError(
      'forbidden',
      `This fact comes from a ${item} in the task lane and can't be changed here: edit the task-lane item instead.`,
    );
  }
  return fact;
}

/** PostgreSQL text can't hold NUL (pasted binary output sometimes does); what is left must say something. */
export function factText(text: string) {
  const cleaned = text.replaceAll('\u0000', '').trim();
  if (!cleaned) {
    throw new AppError('validation_failed', 'The fact is empty.', {
      errors: [{ field: 'body.text', message: 'must not be empty' }],
    });
  }
  return cleaned;
}
