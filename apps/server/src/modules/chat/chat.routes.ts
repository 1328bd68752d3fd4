import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZSessionIdParams } from '@flowpilot/contracts/ai-sessions';
import {
  ZLeaning,
  ZMessageList,
  ZPostMessageRequest,
  ZPostMessageResponse,
  type TStreamEvent,
} from '@flowpilot/contracts/messages';
import type { AppContext } from '../../app-context.ts';
import { callerOf, requireCaller, requireRole, type Caller } from '../../http/request-auth.ts';
import { openEventStream, wantsEventStream } from '../../http/sse.ts';
import { getOwnedSession, type SessionRow } from '../session-core/sessions.repository.ts';
import { sessionAttachmentsByMessage } from '../attachments/attachments.repository.ts';
import { followReply } from './follow-reply.ts';
import { getLeaning } from './get-leaning.ts';
import { listMessages, toMessageDto } from './messages.repository.ts';
import { postMessage, retryReply } from './post-message.ts';
import { launchGeneration } from './start-reply.ts';
import { turnResult } from './turn-result.ts';

const ZRetryParams = z.object({ id: z.uuid(), mid: z.uuid() });

export const chatRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const rateLimit = { max: ctx.config.aiRateLimitPerMinute, timeWindow: '1 minute' };

  /** Streams the reply as SSE, or waits for it and answers JSON. */
  async function respondWithReply(
    request: FastifyRequest,
    reply: FastifyReply,
    caller: Caller,
    session: SessionRow,
    assistantMessageId: string,
    first?: TStreamEvent,
  ) {
    const sessionId = session.id;
    // Launch and subscribe in the same tick so the subscriber misses nothing.
    const finished = launchGeneration(ctx, caller, session, assistantMessageId, request.log);
    if (!wantsEventStream(request)) {
      await finished;
      return reply.send(await turnResult(ctx, caller, sessionId, assistantMessageId));
    }
    const stream = openEventStream(request, reply);
    if (first) stream.send(first.event, first.data);
    await followReply(
      ctx,
      caller,
      sessionId,
      (event) => stream.send(event.event, event.data),
      () => stream.closed,
    );
    stream.end();
    return reply;
  }

  app.post(
    '/ai-sessions/:id/messages',
    {
      onRequest: requireRole('engineer'),
      config: { rateLimit },
      schema: {
        tags: ['chat'],
        description:
          'Sends a message, with up to 10 `attachment_ids` (uploads from POST /attachments). With `Accept: text/event-stream` the reply streams as SSE (start, user_message, delta, task_lane, fix, confidence, done | error); otherwise the call waits and returns JSON. A failed reply comes back with status "failed" and a retryable error.',
        params: ZSessionIdParams,
        body: ZPostMessageRequest,
        response: { 200: ZPostMessageResponse },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const turn = await postMessage(
        ctx,
        caller,
        request.params.id,
        request.body.content,
        request.body.attachment_ids,
      );
      return respondWithReply(request, reply, caller, turn.session, turn.assistantMessageId, {
        event: 'user_message',
        data: toMessageDto(turn.userMessage, turn.attachments),
      });
    },
  );

  app.post(
    '/ai-sessions/:id/messages/:mid/retry',
    {
      onRequest: requireRole('engineer'),
      config: { rateLimit },
      schema: { tags: ['chat'], params: ZRetryParams, response: { 200: ZPostMessageResponse } },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const turn = await retryReply(ctx, caller, request.params.id, request.params.mid);
      return respondWithReply(request, reply, caller, turn.session, turn.assistantMessageId);
    },
  );

  app.get(
    '/ai-sessions/:id/leaning',
    {
      onRequest: requireCaller,
      schema: {
        tags: ['chat'],
        description:
          'Where the assistant leans for the session as it stands: the leading candidate with the evidence for and against it, the runners-up and the chance it is none of them. Only the offline engine holds a belief; with a connected model `available` is false.',
        params: ZSessionIdParams,
        response: { 200: ZLeaning },
      },
    },
    async (request) => getLeaning(ctx, callerOf(request), request.params.id),
  );

  app.get(
    '/ai-sessions/:id/messages',
    {
      onRequest: requireCaller,
      schema: { tags: ['chat'], params: ZSessionIdParams, response: { 200: ZMessageList } },
    },
    async (request) => {
      const caller = callerOf(request);
      await getOwnedSession(ctx.database.db, caller, request.params.id);
      const [rows, attachments] = await Promise.all([
        listMessages(ctx.database.db, request.params.id),
        sessionAttachmentsByMessage(ctx.database.db, caller.accountId, request.params.id),
      ]);
      return { items: rows.map((row) => toMessageDto(row, attachments.get(row.id))) };
    },
  );

  app.get(
    '/ai-sessions/:id/stream',
    {
      onRequest: requireCaller,
      schema: {
        tags: ['chat'],
        description:
          'Resumes the reply being generated (SSE): the prose so far, then live events until done | error. Ends at once with nothing to follow.',
        params: ZSessionIdParams,
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      await getOwnedSession(ctx.database.db, caller, request.params.id);
      const stream = openEventStream(request, reply);
      await followReply(
        ctx,
        caller,
        request.params.id,
        (event) => stream.send(event.event, event.data),
        () => stream.closed,
      );
      stream.end();
      return reply;
    },
  );
};
