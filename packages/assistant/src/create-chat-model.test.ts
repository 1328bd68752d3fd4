import { simulateReadableStream } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collectReply, ModelError, type ChatChunk, type ChatModel, type ChatRequest } from './chat-model.ts';
import { createChatModel, parseRetryAfter } from './create-chat-model.ts';
import { describeModel } from './model-config.ts';
import { startFakeOpenAiServer, type FakeOpenAiServer } from './testing/fake-openai-server.ts';

const request: ChatRequest = {
  system: 'You are a test.',
  messages: [{ role: 'user', content: 'Say hello' }],
};

async function drain(
  model: ChatModel,
  req: ChatRequest = request,
): Promise<{ text: string; chunks: ChatChunk[]; error?: unknown }> {
  const chunks: ChatChunk[] = [];
  let text = '';
  try {
    for await (const chunk of model.stream(req)) {
      chunks.push(chunk);
      if (chunk.type === 'text') text += chunk.text;
    }
    return { text, chunks };
  } catch (error) {
    return { text, chunks, error };
  }
}

describe('openai-compatible backend against a fake server', () => {
  let server: FakeOpenAiServer;
  const model = (overrides: Record<string, unknown> = {}) =>
    createChatModel(
      {
        provider: 'openai-compatible',
        baseUrl: server.baseUrl,
        model: 'fake-model',
        apiKey: 'test-key',
        timeoutMs: 5_000,
        idleTimeoutMs: 1_000,
        maxRetries: 2,
        ...overrides,
      },
      { retryBaseDelayMs: 10, random: () => 0.5 },
    );

  beforeAll(async () => {
    server = await startFakeOpenAiServer();
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.requests.length = 0;
    server.setDefaultReply({});
  });

  it('streams text in chunks and ends with usage', async () => {
    server.enqueue({
      text: 'Hello from the fake model, streamed in pieces.',
      chunkSize: 5,
      usage: { promptTokens: 11, completionTokens: 9 },
    });
    const { text, chunks, error } = await drain(model());
    expect(error).toBeUndefined();
    expect(text).toBe('Hello from the fake model, streamed in pieces.');
    expect(chunks.filter((chunk) => chunk.type === 'text').length).toBeGreaterThan(3);
    // The compatible provider reports no cache hit as 0 cached tokens.
    expect(chunks.at(-1)).toEqual({ type: 'usage', inputTokens: 11, outputTokens: 9, cacheReadTokens: 0 });
    const sent = server.requests[0];
    expect(sent?.headers.authorization).toBe('Bearer test-key');
    expect(sent?.body).toMatchObject({
      model: 'fake-model',
      stream: true,
      messages: [{ role: 'system' }, { role: 'user', content: 'Say hello' }],
    });
  });

  it('retries a 500 and then reports the provider as unavailable', async () => {
    server.setDefaultReply({ status: 500 });
    const { text, error } = await drain(model());
    expect(text).toBe('');
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({ kind: 'unavailable', status: 500, retryable: true });
    expect(server.requests).toHaveLength(3); // first try + maxRetries
  });

  it('recovers from a 500 when a retry succeeds', async () => {
    server.enqueue({ status: 500 }, { text: 'second time lucky' });
    const { text, error } = await drain(model());
    expect(error).toBeUndefined();
    expect(text).toBe('second time lucky');
    expect(server.requests).toHaveLength(2);
  });

  it('honours Retry-After on 429, then succeeds', async () => {
    server.enqueue({ status: 429, retryAfter: '1' }, { text: 'after the wait' });
    const started = Date.now();
    const { text, error } = await drain(model());
    expect(error).toBeUndefined();
    expect(text).toBe('after the wait');
    const [first, second] = server.requests;
    expect((second?.receivedAt ?? 0) - (first?.receivedAt ?? 0)).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('surfaces a stream cut mid-way as a ModelError after the partial text, without retrying', async () => {
    server.enqueue({
      text: 'This reply will be cut off half way through.',
      chunkSize: 5,
      chunkDelayMs: 5,
      cutAfterChunks: 3,
    });
    const { text, error } = await drain(model());
    expect(text).toBe('This reply will');
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({ kind: 'unavailable', partial: true });
    expect(server.requests).toHaveLength(1);
  });

  it('times out when the server never answers', async () => {
    server.enqueue({ hang: 'before-headers' });
    const { error } = await drain(model({ maxRetries: 0 }));
    expect(error).toMatchObject({ kind: 'timeout' });
  });

  it('times out when the server goes quiet after the headers', async () => {
    server.enqueue({ hang: 'after-headers' });
    const started = Date.now();
    const { error } = await drain(model({ maxRetries: 0, idleTimeoutMs: 300 }));
    expect(error).toMatchObject({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('applies the overall timeout to a slow but steady stream', async () => {
    server.enqueue({ text: 'x'.repeat(200), chunkSize: 1, chunkDelayMs: 20 });
    const { text, error } = await drain(model({ timeoutMs: 400, idleTimeoutMs: 300, maxRetries: 0 }));
    expect(error).toMatchObject({ kind: 'timeout', partial: true });
    expect(text.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThan(200);
  });

  it('stops when the caller aborts', async () => {
    server.enqueue({ text: 'a long reply that the caller gives up on', chunkSize: 2, chunkDelayMs: 30 });
    const controller = new AbortController();
    const chunks: string[] = [];
    let caught: unknown;
    try {
      for await (const chunk of model().stream({ ...request, signal: controller.signal })) {
        if (chunk.type === 'text') chunks.push(chunk.text);
        if (chunks.length === 2) controller.abort();
      }
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ kind: 'aborted', retryable: false });
    expect(chunks.join('').length).toBeLessThan(20);
  });

  it('does not send a request when already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const { error } = await drain(model(), { ...request, signal: controller.signal });
    expect(error).toMatchObject({ kind: 'aborted' });
    expect(server.requests).toHaveLength(0);
  });

  it('survives invalid UTF-8 bytes in the stream', async () => {
    server.enqueue({ text: 'Broken bytes here', chunkSize: 6, invalidUtf8: true });
    const { text, error } = await drain(model());
    expect(error).toBeUndefined();
    expect(text).toContain('\uFFFD');
    expect(text.endsWith('here')).toBe(true);
  });

  it('treats a 400 as a bad response and does not retry it', async () => {
    server.enqueue({ status: 400 });
    const { error } = await drain(model());
    expect(error).toMatchObject({ kind: 'bad_response', status: 400, retryable: false });
    expect(server.requests).toHaveLength(1);
  });

  it('answers non-streaming requests too (for other clients and benchmarks)', async () => {
    server.enqueue({ text: 'plain answer' });
    const response = await fetch(`${server.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'fake-model', messages: [{ role: 'user', content: 'hi' }] }),
    });
    const body = (await response.json()) as { choices: { message: { content: string } }[] };
    expect(body.choices[0]?.message.content).toBe('plain answer');
  });
});

describe('SDK backends with an injected mock model', () => {
  const usage = {
    inputTokens: { total: 7, noCache: 7, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: 3, text: 3, reasoning: undefined },
  };
  const streamOf = (...deltas: string[]) =>
    simulateReadableStream({
      chunks: [
        { type: 'text-start' as const, id: 't' },
        ...deltas.map((delta) => ({ type: 'text-delta' as const, id: 't', delta })),
        { type: 'text-end' as const, id: 't' },
        { type: 'finish' as const, finishReason: { unified: 'stop' as const, raw: undefined }, usage },
      ],
    });

  it.each(['anthropic', 'openai'] as const)(
    '%s: streams text and usage through the same interface',
    async (provider) => {
      const languageModel = new MockLanguageModelV3({
        doStream: async () => ({ stream: streamOf('Hel', 'lo') }),
      });
      const model = createChatModel({ provider, apiKey: 'k', model: 'm' }, { languageModel });
      expect(model.backend).toBe(provider);
      const reply = await collectReply(model, request);
      expect(reply).toEqual({ text: 'Hello', inputTokens: 7, outputTokens: 3 });
      const call = languageModel.doStreamCalls[0];
      expect(call?.prompt[0]).toMatchObject({ role: 'system', content: 'You are a test.' });
    },
  );

  it.each([
    ['anthropic', true],
    ['openai', false],
  ] as const)(
    '%s: the system prompt and the end of the stable prefix carry cache control only for Anthropic; cache tokens are reported',
    async (provider, marked) => {
      const cached = {
        inputTokens: { total: 900, noCache: 100, cacheRead: 700, cacheWrite: 100 },
        outputTokens: { total: 3, text: 3, reasoning: undefined },
      };
      const languageModel = new MockLanguageModelV3({
        doStream: async () => ({
          stream: simulateReadableStream({
            chunks: [
              { type: 'text-start' as const, id: 't' },
              { type: 'text-delta' as const, id: 't', delta: 'Hi' },
              { type: 'text-end' as const, id: 't' },
              {
                type: 'finish' as const,
                finishReason: { unified: 'stop' as const, raw: undefined },
                usage: cached,
              },
            ],
          }),
        }),
      });
      const model = createChatModel({ provider, apiKey: 'k', model: 'm' }, { languageModel });
      const chunks = [];
      for await (const chunk of model.stream({
        system: 'Static prompt',
        messages: [
          { role: 'user', content: 'intake', part: 'intake' },
          { role: 'assistant', content: 'earlier', part: 'turn', cache: true },
          { role: 'user', content: 'state', part: 'state' },
          { role: 'user', content: 'latest', part: 'turn' },
        ],
      }))
        chunks.push(chunk);
      expect(chunks.at(-1)).toMatchObject({ type: 'usage', cacheReadTokens: 700, cacheWriteTokens: 100 });
      const prompt = languageModel.doStreamCalls[0]!.prompt;
      const cacheControl = (index: number) =>
        (prompt[index] as { providerOptions?: { anthropic?: { cacheControl?: unknown } } }).providerOptions
          ?.anthropic?.cacheControl;
      expect(prompt.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'user', 'user']);
      expect(cacheControl(0)).toEqual(marked ? { type: 'ephemeral' } : undefined);
      expect(cacheControl(2)).toEqual(marked ? { type: 'ephemeral' } : undefined);
      expect(cacheControl(3)).toBeUndefined();
    },
  );

  it('maps a provider error thrown before streaming to ModelError and retries it', async () => {
    const { APICallError } = await import('@ai-sdk/provider');
    let calls = 0;
    const languageModel = new MockLanguageModelV3({
      doStream: async () => {
        calls++;
        if (calls === 1) {
          throw new APICallError({
            message: 'overloaded',
            url: 'x',
            requestBodyValues: {},
            statusCode: 529,
            isRetryable: true,
          });
        }
        return { stream: streamOf('ok') };
      },
    });
    const model = createChatModel(
      { provider: 'anthropic', apiKey: 'k' },
      { languageModel, retryBaseDelayMs: 1 },
    );
    expect((await collectReply(model, request)).text).toBe('ok');
    expect(calls).toBe(2);
  });

  it('rejects configurations that cannot work, naming the field', () => {
    expect(() => createChatModel({ provider: 'openai' })).toThrow(/apiKey/);
    expect(() => createChatModel({ provider: 'openai-compatible', model: 'llama3' })).toThrow(/baseUrl/);
  });
});

describe('describeModel and helpers', () => {
  it('names backend and model, never the key', () => {
    const described = describeModel({
      provider: 'anthropic',
      model: 'claude-x',
      apiKey: 'sk-secret',
    } as never);
    expect(described).toEqual({ backend: 'anthropic', model: 'claude-x' });
    expect(JSON.stringify(described)).not.toContain('sk-secret');
    expect(describeModel({ provider: 'offline' })).toEqual({ backend: 'offline', model: 'playbooks-v1' });
  });

  it('defaults to the offline engine', () => {
    const model = createChatModel({});
    expect(model.backend).toBe('offline');
  });

  it('parses Retry-After in seconds, dates and milliseconds', () => {
    expect(parseRetryAfter({ 'Retry-After': '2' })).toBe(2000);
    expect(parseRetryAfter({ 'retry-after-ms': '150' })).toBe(150);
    expect(parseRetryAfter({ 'retry-after': new Date(10_000).toUTCString() }, 4_000)).toBe(6_000);
    expect(parseRetryAfter({ 'retry-after': 'soon' })).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});
