import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A fake OpenAI-compatible server for tests and benchmarks: `/v1/chat/completions`,
 * streaming (SSE) and not, scriptable per request. It exercises the real provider client
 * code over real HTTP on 127.0.0.1, never the network.
 *
 * It also speaks the streaming halves of two first-party dialects, so the same recorded
 * scenarios run against every provider's request shape: Anthropic's Messages API
 * (`POST /v1/messages`) and OpenAI's Responses API (`POST /v1/responses`, what the `openai`
 * provider calls). Those two honour `text`, `chunkSize`, `chunkDelayMs`, `status` and `usage`.
 */

export interface FakeReply {
  /** Assistant text. Default: "Hello from the fake model." */
  text?: string;
  /** Characters per streamed chunk (default 8). */
  chunkSize?: number;
  /** Delay before each streamed chunk, i.e. a fixed rate (default 0). */
  chunkDelayMs?: number;
  /** Delay before the response headers (default 0). */
  initialLatencyMs?: number;
  /** Answer with this error status (e.g. 500, 429) and an OpenAI-style error body. */
  status?: number;
  /** Value of the Retry-After header on an error response. */
  retryAfter?: string;
  /** Destroy the socket after this many content chunks were written. */
  cutAfterChunks?: number;
  /** Put bytes that are not valid UTF-8 inside the first content chunk. */
  invalidUtf8?: boolean;
  /** Never answer (`'before-headers'`), or send headers and then nothing (`'after-headers'`). */
  hang?: 'before-headers' | 'after-headers';
  /** Usage reported at the end of the stream (default: word counts). */
  usage?: { promptTokens: number; completionTokens: number };
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
  receivedAt: number;
}

export interface FakeOpenAiServer {
  /** Base URL to configure a client with, e.g. `http://127.0.0.1:40123/v1`. */
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  /** Replies used in order by the next requests; then the default reply. */
  enqueue(...replies: FakeReply[]): void;
  setDefaultReply(reply: FakeReply): void;
  close(): Promise<void>;
}

export interface FakeOpenAiServerOptions {
  defaultReply?: FakeReply;
  /** Decide each reply from the request (overrides the queue and default). */
  respond?: (request: RecordedRequest, index: number) => FakeReply;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves once the data is handed to the socket, so a later destroy cannot swallow it. */
const write = (res: ServerResponse, data: string | Buffer) =>
  new Promise<void>((resolve) => res.write(data, () => resolve()));

export async function startFakeOpenAiServer(
  options: FakeOpenAiServerOptions = {},
): Promise<FakeOpenAiServer> {
  const requests: RecordedRequest[] = [];
  const queue: FakeReply[] = [];
  let defaultReply: FakeReply = options.defaultReply ?? {};
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    let body: unknown = raw;
    try {
      body = raw.length > 0 ? JSON.parse(raw) : undefined;
    } catch {
      // keep the raw text for inspection
    }
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
      body,
      receivedAt: Date.now(),
    };
    const index = requests.push(recorded) - 1;

    if (recorded.method === 'GET' && recorded.path.startsWith('/v1/models')) {
      return sendJson(res, 200, {
        object: 'list',
        data: [{ id: 'fake-model', object: 'model', owned_by: 'fake' }],
      });
    }
    const dialect =
      recorded.method !== 'POST'
        ? undefined
        : recorded.path.startsWith('/v1/chat/completions')
          ? 'chat'
          : recorded.path.startsWith('/v1/messages')
            ? 'anthropic'
            : recorded.path.startsWith('/v1/responses')
              ? 'responses'
              : undefined;
    if (!dialect) {
      return sendJson(res, 404, { error: { message: 'not found', type: 'invalid_request_error' } });
    }

    const reply = options.respond?.(recorded, index) ?? queue.shift() ?? defaultReply;
    if (reply.hang === 'before-headers') return; // the client's timeout must fire
    if (reply.initialLatencyMs) await wait(reply.initialLatencyMs);
    if (reply.status && reply.status >= 400) {
      const headers: Record<string, string> = {};
      if (reply.retryAfter !== undefined) headers['retry-after'] = reply.retryAfter;
      return sendJson(
        res,
        reply.status,
        { error: { message: `fake error ${reply.status}`, type: 'server_error', code: null } },
        headers,
      );
    }

    const requestBody = (body ?? {}) as {
      stream?: boolean;
      model?: string;
      messages?: { content?: unknown }[];
      /** The Responses API's name for the messages. */
      input?: unknown;
    };
    const model = requestBody.model ?? 'fake-model';
    const text = reply.text ?? 'Hello from the fake model.';
    const usage = reply.usage ?? {
      promptTokens: countWords(JSON.stringify(requestBody.messages ?? requestBody.input ?? [])),
      completionTokens: countWords(text),
    };
    const id = `chatcmpl-fake-${index}`;
    const created = Math.floor(Date.now() / 1000);
    if (dialect !== 'chat') {
      const events = dialect === 'anthropic' ? anthropicEvents : responsesEvents;
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      for (const line of events.start(index, model, usage)) await write(res, line);
      const chunkSize = Math.max(1, reply.chunkSize ?? 8);
      for (let offset = 0; offset < text.length; offset += chunkSize) {
        if (reply.chunkDelayMs) await wait(reply.chunkDelayMs);
        if (res.destroyed) return;
        await write(res, events.delta(index, text.slice(offset, offset + chunkSize)));
      }
      res.end(events.end(index, usage).join(''));
      return;
    }

    if (!requestBody.stream) {
      return sendJson(res, 200, {
        id,
        object: 'chat.completion',
        created,
        model,
        choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
        usage: {
          prompt_tokens: usage.promptTokens,
          completion_tokens: usage.completionTokens,
          total_tokens: usage.promptTokens + usage.completionTokens,
        },
      });
    }

    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    res.flushHeaders();
    if (reply.hang === 'after-headers') return;

    const event = (payload: unknown) => `data: ${JSON.stringify(payload)}\n\n`;
    const chunkSize = Math.max(1, reply.chunkSize ?? 8);
    const pieces: string[] = [];
    for (let offset = 0; offset < text.length; offset += chunkSize)
      pieces.push(text.slice(offset, offset + chunkSize));

    for (const [position, piece] of pieces.entries()) {
      if (reply.cutAfterChunks !== undefined && position >= reply.cutAfterChunks) {
        res.socket?.destroy();
        return;
      }
      if (reply.chunkDelayMs) await wait(reply.chunkDelayMs);
      if (res.destroyed) return;
      const delta = position === 0 ? { role: 'assistant', content: piece } : { content: piece };
      const line = event({
        id,
        object: 'chat.completion.chunk',
        created,
        model,
        choices: [{ index: 0, delta, finish_reason: null }],
      });
      if (position === 0 && reply.invalidUtf8) {
        // Split the JSON string value and splice in bytes that are not valid UTF-8.
        const marker = JSON.stringify(piece).slice(1, -1);
        const [before, after] = splitOnce(line, marker);
        await write(
          res,
          Buffer.concat([
            Buffer.from(before + marker.slice(0, 1)),
            Buffer.from([0xff, 0xfe, 0xc3]),
            Buffer.from(marker.slice(1) + after),
          ]),
        );
      } else {
        await write(res, line);
      }
    }
    if (reply.cutAfterChunks !== undefined && pieces.length <= reply.cutAfterChunks) {
      res.socket?.destroy();
      return;
    }
    res.write(
      event({
        id,
        object: 'chat.completion.chunk',
        created,
        model,
        choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
      }),
    );
    res.write(
      event({
        id,
        object: 'chat.completion.chunk',
        created,
        model,
        choices: [],
        usage: {
          prompt_tokens: usage.promptTokens,
          completion_tokens: usage.completionTokens,
          total_tokens: usage.promptTokens + usage.completionTokens,
        },
      }),
    );
    res.end('data: [DONE]\n\n');
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...replies) => void queue.push(...replies),
    setDefaultReply: (reply) => {
      defaultReply = reply;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

type Usage = { promptTokens: number; completionTokens: number };
const sse = (type: string, payload: object) =>
  `event: ${type}\ndata: ${JSON.stringify({ type, ...payload })}\n\n`;

/** Anthropic Messages API stream: message_start, one text block, message_delta with usage, message_stop. */
const anthropicEvents = {
  start: (index: number, model: string, usage: Usage) => [
    sse('message_start', {
      message: {
        id: `msg_fake_${index}`,
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        stop_reason: null,
        usage: { input_tokens: usage.promptTokens, output_tokens: 0 },
      },
    }),
    sse('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
  ],
  delta: (_index: number, text: string) =>
    sse('content_block_delta', { index: 0, delta: { type: 'text_delta', text } }),
  end: (_index: number, usage: Usage) => [
    sse('content_block_stop', { index: 0 }),
    sse('message_delta', {
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: usage.completionTokens },
    }),
    sse('message_stop', {}),
  ],
};

/** OpenAI Responses API stream: created, one message item with text deltas, completed with usage. */
const responsesEvents = {
  start: (index: number, model: string) => [
    sse('response.created', {
      response: { id: `resp_fake_${index}`, created_at: Math.floor(Date.now() / 1000), model },
    }),
    sse('response.output_item.added', {
      output_index: 0,
      item: { type: 'message', id: `msg_fake_${index}`, role: 'assistant', content: [] },
    }),
  ],
  delta: (index: number, text: string) =>
    sse('response.output_text.delta', { item_id: `msg_fake_${index}`, output_index: 0, delta: text }),
  end: (index: number, usage: Usage) => [
    sse('response.output_item.done', {
      output_index: 0,
      item: { type: 'message', id: `msg_fake_${index}`, role: 'assistant' },
    }),
    sse('response.completed', {
      response: {
        usage: {
          input_tokens: usage.promptTokens,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: usage.completionTokens,
          output_tokens_details: { reasoning_tokens: 0 },
        },
      },
    }),
  ],
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(
  res: ServerResponse,
  status: number,
  payload: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(payload));
}

function splitOnce(value: string, separator: string): [string, string] {
  const at = value.indexOf(separator);
  return at < 0 ? [value, ''] : [value.slice(0, at), value.slice(at + separator.length)];
}

function countWords(value: string): number {
  return value.split(/\s+/).filter(Boolean).length;
}
