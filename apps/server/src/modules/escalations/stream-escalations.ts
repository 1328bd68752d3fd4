import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import { openEventStream } from '../../http/sse.ts';
import type { Caller } from '../../http/request-auth.ts';
import { escalationFeedOf } from './escalation-feed.ts';

/**
 * GET /escalations/stream: the account's queue events until the client leaves. Subscribes
 * before answering, so nothing published after the 200 is missed; `ready` says so (a client
 * reads the list after it and then applies events on top).
 */
export async function streamEscalations(
  ctx: AppContext,
  caller: Caller,
  request: FastifyRequest,
  reply: FastifyReply,
  open: Set<() => void>,
) {
  const feed = escalationFeedOf(ctx);
  let stream: ReturnType<typeof openEventStream> | null = null;
  const pending: Parameters<Parameters<typeof feed.subscribe>[1]>[0][] = [];
  const unsubscribe = await feed.subscribe(caller.accountId, (event) => {
    if (stream) stream.send(event.event, event.data);
    else pending.push(event);
  });
  stream = openEventStream(request, reply);
  stream.send('ready', {});
  for (const event of pending) stream.send(event.event, event.data);
  const opened = stream;
  // Ends with the client, or when the app shuts down (the routes end every open stream).
  const end = () => opened.end();
  open.add(end);
  await new Promise<void>((resolve) => {
    reply.raw.on('close', () => resolve());
  });
  open.delete(end);
  unsubscribe();
}
