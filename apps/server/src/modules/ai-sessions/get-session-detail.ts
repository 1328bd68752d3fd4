import type { TSessionDetail } from '@flowpilot/contracts/ai-sessions';
import type { Db, Tx } from '@flowpilot/db/database';
import { findStreamingMessage } from '../chat/messages.repository.ts';
import { findActiveFix, toFixDto } from '../session-core/fixes.repository.ts';
import {
  accessOf,
  getOwnedSession,
  toSessionDto,
  type SessionCaller,
} from '../session-core/sessions.repository.ts';

/**
 * The session page's state: the session, its task lane, the active fix and the reply
 * still being generated (if any), so a reopened page can resume the stream.
 */
export async function getSessionDetail(
  db: Db | Tx,
  owner: SessionCaller,
  sessionId: string,
  known: { streamingMessageId?: string | null } = {},
): Promise<TSessionDetail> {
  const session = await getOwnedSession(db, owner, sessionId);
  const activeFix = await findActiveFix(db, sessionId);
  const streamingMessageId =
    known.streamingMessageId ?? (await findStreamingMessage(db, sessionId))?.id ?? null;
  return {
    ...toSessionDto(session),
    task_lane: session.taskLane,
    active_fix: activeFix ? toFixDto(activeFix) : null,
    streaming_message_id: streamingMessageId,
    assignee_id: session.assigneeId,
    access: accessOf(session, owner) === 'write' ? 'write' : 'read',
  };
}
