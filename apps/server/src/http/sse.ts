import type { FastifyReply, FastifyRequest } from 'fastify';

export const wantsEventStream = (request: FastifyRequest) =>
  (request.headers.accept ?? '').includes('text/event-stream');

/**
 * Takes over the response as a Server-Sent Events stream. Security headers already set
 * by hooks are kept; a comment heartbeat keeps proxies from closing an idle stream.
 */
export function openEventStream(request: FastifyRequest, reply: FastifyReply) {
  reply.hijack();
  const raw = reply.raw;
  const headers = { ...reply.getHeaders() } as Record<string, string>;
  raw.writeHead(200, {
    ...headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-request-id': request.id,
  });
  raw.flushHeaders();
  let closed = false;
  const heartbeat = setInterval(() => {
    if (!closed) raw.write(': keep-alive\n\n');
  }, 15_000);
  heartbeat.unref();
  const onClose = () => {
    closed = true;
    clearInterval(heartbeat);
  };
  raw.on('close', onClose);
  return {
    get closed() {
      return closed || raw.destroyed;
    },
    send(event: string, data: unknown) {
      if (closed || raw.destroyed) return;
      raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    end() {
      onClose();
      if (!raw.destroyed) raw.end();
    },
  };
}
