import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZIdParams } from '@flowpilot/contracts/common';
import {
  ZCreateScriptBuilderSessionRequest,
  ZPostScriptBuilderMessageRequest,
  ZPostScriptBuilderMessageResponse,
  ZScriptBuilderMessageList,
  ZScriptBuilderSession,
  ZScriptBuilderSessionList,
  ZScriptBuilderSessionPatch,
} from '@flowpilot/contracts/script-builder';
import type { AppContext } from '../../app-context.ts';
import { callerOf, requireCaller, requireRole } from '../../http/request-auth.ts';
import { openEventStream, wantsEventStream } from '../../http/sse.ts';
import { createBuilderSession } from './create-builder-session.ts';
import { deleteBuilderSession } from './delete-builder-session.ts';
import { listBuilderSessions } from './list-builder-sessions.ts';
import { launchBuilderReply, postBuilderMessage } from './post-builder-message.ts';
import {
  findBuilderMessage,
  getOwnedBuilderSession,
  listBuilderMessages,
  toBuilderMessageDto,
  toBuilderSessionDto,
} from './script-builder.repository.ts';
import { updateBuilderSessionFields } from './update-builder-session.ts';

export const scriptBuilderRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const rateLimit = { max: ctx.config.aiRateLimitPerMinute, timeWindow: '1 minute' };

  app.post(
    '/script-builder/sessions',
    {
      onRequest: requireRole('engineer'),
      schema: {
        tags: ['script-builder'],
        description:
          'Starts a Script Builder session. `standalone` (default): 201, or 409 once you hold 5 open ones. `pilot_inline` needs `ai_session_id` (400 without) of your own pilot session (404 otherwise) and is get-or-create: the existing session for (you, that pilot session) comes back with 200, also under concurrent calls. `initial_script` starts from a script.',
        body: ZCreateScriptBuilderSessionRequest,
        response: { 200: ZScriptBuilderSession, 201: ZScriptBuilderSession },
      },
    },
    async (request, reply) => {
      const { session, created } = await createBuilderSession(ctx, callerOf(request), request.body);
      return reply.code(created ? 201 : 200).send(session);
    },
  );

  app.get(
    '/script-builder/sessions',
    {
      onRequest: requireCaller,
      schema: {
        tags: ['script-builder'],
        description:
          "The caller's open standalone sessions, newest first, with `count` against `cap`. Inline sessions are not listed.",
        response: { 200: ZScriptBuilderSessionList },
      },
    },
    async (request) => listBuilderSessions(ctx.database.db, callerOf(request)),
  );

  app.get(
    '/script-builder/sessions/:id',
    {
      onRequest: requireCaller,
      schema: { tags: ['script-builder'], params: ZIdParams, response: { 200: ZScriptBuilderSession } },
    },
    async (request) =>
      toBuilderSessionDto(
        await getOwnedBuilderSession(ctx.database.db, callerOf(request), request.params.id),
      ),
  );

  app.patch(
    '/script-builder/sessions/:id',
    {
      onRequest: requireRole('engineer'),
      schema: {
        tags: ['script-builder'],
        description:
          '"Write it myself": saves an edited script (up to 50,000 characters), its file name, the title or the language.',
        params: ZIdParams,
        body: ZScriptBuilderSessionPatch,
        response: { 200: ZScriptBuilderSession },
      },
    },
    async (request) => updateBuilderSessionFields(ctx, callerOf(request), request.params.id, request.body),
  );

  app.delete(
    '/script-builder/sessions/:id',
    {
      onRequest: requireRole('engineer'),
      schema: {
        tags: ['script-builder'],
        description:
          'Deletes a standalone session (frees a place under the cap). Inline sessions go with their pilot session: 409.',
        params: ZIdParams,
      },
    },
    async (request, reply) => {
      await deleteBuilderSession(ctx, callerOf(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/script-builder/sessions/:id/messages',
    {
      onRequest: requireCaller,
      schema: { tags: ['script-builder'], params: ZIdParams, response: { 200: ZScriptBuilderMessageList } },
    },
    async (request) => {
      const session = await getOwnedBuilderSession(ctx.database.db, callerOf(request), request.params.id);
      const rows = await listBuilderMessages(ctx.database.db, session.id);
      return { items: rows.map(toBuilderMessageDto) };
    },
  );

  app.post(
    '/script-builder/sessions/:id/messages',
    {
      onRequest: requireRole('engineer'),
      config: { rateLimit },
      schema: {
        tags: ['script-builder'],
        description:
          "Asks the Script Builder. With `Accept: text/event-stream` the reply streams as SSE (user_message, start, delta, script, done | error); otherwise the call waits and returns this turn's messages and the latest script. The reply's last fenced code block becomes `latest_script`; a failed reply leaves it unchanged.",
        params: ZIdParams,
        body: ZPostScriptBuilderMessageRequest,
        response: { 200: ZPostScriptBuilderMessageResponse },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const sessionId = request.params.id;
      const turn = await postBuilderMessage(ctx, caller, sessionId, request.body.content);
      if (!wantsEventStream(request)) {
        await launchBuilderReply(ctx, caller, sessionId, turn.assistantMessageId, request.log, () => {});
        const db = ctx.database.db;
        const session = await getOwnedBuilderSession(db, caller, sessionId);
        const assistant = await findBuilderMessage(db, sessionId, turn.assistantMessageId);
        return reply.send({
          messages: [toBuilderMessageDto(turn.userMessage), toBuilderMessageDto(assistant!)],
          latest_script: session.latestScript,
          latest_script_filename: session.latestScriptFilename,
          session: toBuilderSessionDto(session),
        });
      }
      const stream = openEventStream(request, reply);
      stream.send('user_message', toBuilderMessageDto(turn.userMessage));
      await launchBuilderReply(ctx, caller, sessionId, turn.assistantMessageId, request.log, (event) =>
        stream.send(event.event, event.data),
      );
      stream.end();
      return reply;
    },
  );
};
