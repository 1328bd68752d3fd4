import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '@flowpilot/core/app-error';
import type { TCreateSessionRequest } from '@flowpilot/contracts/ai-sessions';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { attachToSession } from '../attachments/attachments.repository.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { startReply } from '../chat/start-reply.ts';
import { ticketIntake } from '../psa/ticket-intake.ts';
import { insertIntakeMessage, insertSession } from '../session-core/sessions.repository.ts';
import { getSessionDetail } from '../ai-sessions/get-session-detail.ts';
import { intakeMarkdown, normalizeIntake, titleFromIntake, withoutNul } from '../ai-sessions/intake-text.ts';

/**
 * Opens a pilot session: the row, its intake message and the intake's attachments commit together, then the
 * assistant's first reply starts in the background so the first questions arrive unprompted.
 */
export async function createSession(
  ctx: AppContext,
  caller: Caller,
  input: TCreateSessionRequest,
  log: FastifyBaseLogger = ctx.log,
) {
  // A session started from a PSA ticket takes its intake from the ticket and keeps the link.
  const fromTicket = input.psa_ticket_id ? await ticketIntake(ctx, caller, input.psa_ticket_id) : null;
  const intake = normalizeIntake(fromTicket?.intake ?? input.intake_content ?? { text: '' });
  if (!intake.text) {
    throw new AppError('validation_failed', 'Describe the problem.', {
      errors: [{ field: 'body.intake_content.text', message: 'describe the problem' }],
    });
  }
  const title = (input.title ? withoutNul(input.title).trim() : '') || titleFromIntake(intake);
  const session = await ctx.database.db.transaction(async (tx) => {
    const now = new Date();
    const row = await insertSession(tx, caller, {
      intakeType: input.intake_type,
      intakeContent: intake,
      title,
      clientName: intake.client_name ?? null,
      assetName: intake.asset_name ?? null,
      lastMessageAt: now,
    });
    await fromTicket?.link(tx, row.id);
    const intakeMessage = await insertIntakeMessage(tx, row, intakeMarkdown(intake), now);
    await attachToSession(tx, caller, input.attachment_ids ?? [], {
      aiSessionId: row.id,
      messageId: intakeMessage.id,
    });
    await recordAuditEvent(tx, caller, {
      action: 'session.created',
      subjectType: 'ai_session',
      subjectId: row.id,
      aiSessionId: row.id,
      after: { title: row.title, intake_type: row.intakeType },
    });
    return row;
  });

  let streamingMessageId: string | null = null;
  try {
    const started = await startReply(ctx, caller, session, log);
    streamingMessageId = started?.assistantMessageId ?? null;
  } catch (error) {
    // The session is saved either way; the engineer can send a message to get a reply.
    log.error({ err: error, ai_session_id: session.id }, 'could not start the first reply');
  }
  return getSessionDetail(ctx.database.db, caller, session.id, { streamingMessageId });
}
