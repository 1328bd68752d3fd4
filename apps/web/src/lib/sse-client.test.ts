import { afterEach, describe, expect, it, vi } from 'vitest';
import { CSRF_HEADER, setUnauthorizedHandler } from './api-client';
import { createSseParser, streamEvents, type ServerSentEvent } from './sse-client';

function collect() {
  const events: ServerSentEvent[] = [];
  return { events, parser: createSseParser((event) => events.push(event)) };
}

const eventStream = (chunks: string[]) =>
  new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        const encoder = new TextEncoder();
        for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
        controller.close();
      },
    }),
    { status: 200, headers: { 'content-type': 'text/event-stream; charset=utf-8' } },
  );

afterEach(() => {
  vi.unstubAllGlobals();
  setUnauthorizedHandler(undefined);
});

describe('createSseParser', () => {
  it('parses named events, skips comments and joins multi-line data', () => {
    const { events, parser } = collect();
    parser.push(': keep-alive\n\nevent: start\ndata: {"a":1}\n\ndata: one\ndata: two\n\n');
    expect(events).toEqual([
      { event: 'start', data: '{"a":1}' },
      { event: 'message', data: 'one\ntwo' },
    ]);
  });

  it('reassembles blocks and CRLF line endings split across chunks', () => {
    const { events, parser } = collect();
    for (const chunk of ['event: del', 'ta\r', '\ndata: {"text":"Hel', 'lo"}\r\n', '\r\n'])
      parser.push(chunk);
    expect(events).toEqual([{ event: 'delta', data: '{"text":"Hello"}' }]);
  });

  it('dispatches a final block without its blank line when the stream ends', () => {
    const { events, parser } = collect();
    parser.push('event: done\ndata: {}');
    expect(events).toEqual([]);
    parser.end();
    expect(events).toEqual([{ event: 'done', data: '{}' }]);
  });
});

describe('streamEvents', () => {
  it('POSTs with the CSRF header and cookie, and reports every event', async () => {
    const fetchMock = vi.fn<typeof fetch>(async () =>
      eventStream(['event: start\ndata: {"id":1}\n\n', 'event: done\ndata: {}\n\n']),
    );
    vi.stubGlobal('fetch', fetchMock);
    const seen: string[] = [];
    await streamEvents('/ai-sessions/x/messages', {
      method: 'POST',
      body: { content: 'hi' },
      onEvent: (event) => seen.push(event.event),
    });
    expect(seen).toEqual(['start', 'done']);
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/v1/ai-sessions/x/messages');
    expect(init?.credentials).toBe('same-origin');
    const headers = init?.headers as Record<string, string>;
    expect(headers[CSRF_HEADER]).toBe('1');
    expect(headers.accept).toBe('text/event-stream');
    expect(init?.body).toBe('{"content":"hi"}');
  });

  it('turns a problem response into an ApiError and a 401 into the sign-in redirect', async () => {
    vi.stubGlobal('fetch', async () =>
      Response.json(
        {
          title: 'Conflict',
          status: 409,
          code: 'reply_in_progress',
          detail: 'A reply is already streaming.',
        },
        { status: 409, headers: { 'content-type': 'application/problem+json' } },
      ),
    );
    await expect(streamEvents('/x', { onEvent: () => {} })).rejects.toMatchObject({
      status: 409,
      code: 'reply_in_progress',
    });

    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    vi.stubGlobal('fetch', async () => new Response(null, { status: 401 }));
    await expect(streamEvents('/x', { onEvent: () => {} })).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it('rejects with the AbortError when the caller stops watching', async () => {
    const controller = new AbortController();
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      const stream = new ReadableStream<Uint8Array>({
        start(streamController) {
          streamController.enqueue(new TextEncoder().encode('event: start\ndata: {}\n\n'));
          init.signal?.addEventListener('abort', () =>
            streamController.error(new DOMException('Aborted', 'AbortError')),
          );
        },
      });
      return new Response(stream, { headers: { 'content-type': 'text/event-stream' } });
    });
    const running = streamEvents('/x', {
      signal: controller.signal,
      onEvent: () => controller.abort(),
    });
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
  });
});
