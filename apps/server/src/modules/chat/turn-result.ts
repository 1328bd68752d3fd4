import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { getOwnedSession, toSessionDto } from '../session-core/sessions.repository.ts';
import { sessionAttachmentsByMessage } from '../attachments/attachments.repository.ts';
import { findActiveFix, toFixDto } from '../session-core/fixes.repository.ts';
import { findMessage, listMessages, toMessageDto } from './messages.repository.ts';

/** The JSON answer to a finished turn: both messages, the session and its active fix. */
export async function turnResult(
  ctx: AppContext,
  caller: Caller,
  sessionId: string,
  assistantMessageId: string,
) {
  const db = ctx.database.db;
  const session = await getOwnedSession(db, caller, sessionId);
  const assistant = await findMessage(db, sessionId, assistantMessageId);
  const messages = await listMessages(db, sessionId);
  const index = messages.findIndex((m) => m.id === assistantMessageId);
  const user = messages
    .slice(0, index)
    .reverse()
    .find((m) => m.role === 'user');
  const activeFix = await findActiveFix(db, sessionId);
  const attachments = await sessionAttachmentsByMessage(db, caller.accountId, sessionId);
  return {
    user_message: toMessageDto(user!, attachments.get(user!.id)),
    assistant_message: toMessageDto(assistant!),
    session: toSessionDto(session),
    active_fix: activeFix ? toFixDto(activeFix) : null,
  };
}
