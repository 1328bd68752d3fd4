import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { APICallError, streamText, type LanguageModel, type ModelMessage } from 'ai';
import {
  ModelError,
  type ChatChunk,
  type ChatModel,
  type ChatRequest,
  type ModelBackend,
} from './chat-model.ts';
import {
  acceptsImages,
  parseModelConfig,
  resolveIdleTimeoutMs,
  resolveModelName,
  type ModelConfig,
  type ModelConfigInput,
} from './model-config.ts';
import { createOfflineChatModel } from './offline/offline-chat-model.ts';

// Explicit defaults so the SDK never falls back to reading *_BASE_URL from the environment.
const anthropicDefaultBaseUrl = 'https://api.anthropic.com/v1';
const openaiDefaultBaseUrl = 'https://api.openai.com/v1';

export interface CreateChatModelOptions {
  /** Test seam: use this language model instead of building one from the config. */
  languageModel?: LanguageModel;
  /** Test seam for the HTTP client the providers use. */
  fetch?: typeof globalThis.fetch;
  /** First backoff step; later retries double it (with jitter). */
  retryBaseDelayMs?: number;
  /** Longest single backoff, Retry-After included. */
  retryMaxDelayMs?: number;
  /** Jitter source in [0, 1); injectable for deterministic tests. */
  random?: () => number;
}

export function createChatModel(
  input: ModelConfigInput | ModelConfig,
  options: CreateChatModelOptions = {},
): ChatModel {
  const config = parseModelConfig(input);
  if (config.provider === 'offline') return createOfflineChatModel({ model: resolveModelName(config) });
  const modelName = resolveModelName(config);
  const languageModel = options.languageModel ?? buildLanguageModel(config, modelName, options.fetch);
  return new SdkChatModel(config.provider, modelName, languageModel, config, options);
}

function buildLanguageModel(
  config: ModelConfig,
  modelName: string,
  fetch: typeof globalThis.fetch | undefined,
): LanguageModel {
  switch (config.provider) {
    case 'anthropic':
      return createAnthropic({
        apiKey: config.apiKey,
        baseURL: config.baseUrl ?? anthropicDefaultBaseUrl,
        fetch,
      })(modelName);
    case 'openai':
      return createOpenAI({ apiKey: config.apiKey, baseURL: config.baseUrl ?? openaiDefaultBaseUrl, fetch })(
        modelName,
      );
    case 'openai-compatible':
      return createOpenAICompatible({
        name: 'openai-compatible',
        // parseModelConfig guarantees baseUrl for this provider.
        baseURL: config.baseUrl ?? '',
        apiKey: config.apiKey,
        includeUsage: true,
        fetch,
      }).chatModel(modelName);
    case 'offline':
      throw new Error('the offline engine is not an SDK model');
  }
}

type StopReason = 'aborted' | 'total_timeout' | 'idle_timeout';

class SdkChatModel implements ChatModel {
  readonly backend: ModelBackend;
  readonly model: string;
  readonly acceptsImages: boolean;
  readonly #languageModel: LanguageModel;
  readonly #config: ModelConfig;
  readonly #retryBaseDelayMs: number;
  readonly #retryMaxDelayMs: number;
  readonly #random: () => number;

  constructor(
    backend: ModelBackend,
    model: string,
    languageModel: LanguageModel,
    config: ModelConfig,
    options: CreateChatModelOptions,
  ) {
    this.backend = backend;
    this.model = model;
    this.acceptsImages = acceptsImages(config);
    this.#languageModel = languageModel;
    this.#config = config;
    this.#retryBaseDelayMs = options.retryBaseDelayMs ?? 500;
    this.#retryMaxDelayMs = options.retryMaxDelayMs ?? 20_000;
    this.#random = options.random ?? Math.random;
  }

  async *stream(request: ChatRequest): AsyncIterable<ChatChunk> {
    const deadline = Date.now() + this.#config.timeoutMs;
    for (let attempt = 0; ; attempt++) {
      let streamedText = false;
      try {
        for await (const chunk of this.#attempt(request, deadline)) {
          if (chunk.type === 'text') streamedText = true;
          yield chunk;
        }
        return;
      } catch (error) {
        const modelError = error instanceof ModelError ? error : toModelError(error, streamedText);
        // Never restart once text reached the caller: the reply would be duplicated.
        if (streamedText || attempt >= this.#config.maxRetries || !retriesAutomatically(modelError))
          throw modelError;
        const delay = this.#backoffMs(attempt, modelError.retryAfterMs);
        if (Date.now() + delay >= deadline) throw modelError;
        await sleep(delay, request.signal);
      }
    }
  }

  #backoffMs(attempt: number, retryAfterMs: number | undefined): number {
    if (retryAfterMs !== undefined) return Math.min(retryAfterMs, this.#retryMaxDelayMs);
    const exponential = this.#retryBaseDelayMs * 2 ** attempt;
    // "Equal jitter": half fixed, half random, so concurrent clients spread out.
    return Math.min(exponential / 2 + (exponential / 2) * this.#random(), this.#retryMaxDelayMs);
  }

  async *#attempt(request: ChatRequest, deadline: number): AsyncGenerator<ChatChunk> {
    if (request.signal?.aborted) throw new ModelError('aborted', 'The request was cancelled');
    const controller = new AbortController();
    let stopReason: StopReason | undefined;
    const stop = (reason: StopReason) => {
      if (stopReason) return;
      stopReason = reason;
      controller.abort();
    };
    const onCallerAbort = () => stop('aborted');
    request.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const totalTimer = setTimeout(() => stop('total_timeout'), Math.max(0, deadline - Date.now()));
    const idleTimeoutMs = resolveIdleTimeoutMs(this.#config);
    let idleTimer = setTimeout(() => stop('idle_timeout'), idleTimeoutMs);
    let sawText = false;
    const stoppedError = () => {
      const partial = { partial: sawText };
      if (stopReason === 'aborted') return new ModelError('aborted', 'The request was cancelled', partial);
      if (stopReason === 'idle_timeout')
        return new ModelError('timeout', `The model sent nothing for ${idleTimeoutMs} ms`, partial);
      return new ModelError(
        'timeout',
        `The model did not finish within ${this.#config.timeoutMs} ms`,
        partial,
      );
    };

    try {
      const result = streamText({
        model: this.#languageModel,
        messages: toModelMessages(request, this.backend, this.acceptsImages),
        // The system prompt is our own static text, sent as a message only to carry cache options.
        allowSystemInMessages: true,
        maxOutputTokens: request.maxOutputTokens,
        abortSignal: controller.signal,
        // Retries are ours: the SDK cannot know whether text already reached the caller.
        maxRetries: 0,
        // Errors arrive as 'error' parts below; the SDK's default handler would only log them.
        onError: () => {},
      });
      let inputTokens = 0;
      let outputTokens = 0;
      let cacheReadTokens: number | undefined;
      let cacheWriteTokens: number | undefined;
      for await (const part of result.fullStream) {
        if (stopReason) throw stoppedError();
        clearTimeout(idleTimer);
        idleTimer = setTimeout(() => stop('idle_timeout'), idleTimeoutMs);
        switch (part.type) {
          case 'text-delta':
            if (part.text.length > 0) {
              sawText = true;
              yield { type: 'text', text: part.text };
            }
            break;
          case 'error':
            throw stopReason ? stoppedError() : toModelError(part.error, sawText);
          case 'abort':
            throw stoppedError();
          case 'finish':
            inputTokens = part.totalUsage.inputTokens ?? 0;
            outputTokens = part.totalUsage.outputTokens ?? 0;
            cacheReadTokens = part.totalUsage.inputTokenDetails?.cacheReadTokens;
            cacheWriteTokens = part.totalUsage.inputTokenDetails?.cacheWriteTokens;
            if (part.finishReason === 'error')
              throw new ModelError('bad_response', 'The model stopped with an error', { partial: sawText });
            break;
          default:
            break;
        }
      }
      if (stopReason) throw stoppedError();
      if (!sawText)
        throw new ModelError('bad_response', 'The model returned an empty reply', { retryable: true });
      yield {
        type: 'usage',
        inputTokens,
        outputTokens,
        ...(cacheReadTokens !== undefined ? { cacheReadTokens } : {}),
        ...(cacheWriteTokens !== undefined ? { cacheWriteTokens } : {}),
      };
    } catch (error) {
      if (error instanceof ModelError) throw error;
      if (stopReason) throw stoppedError();
      throw toModelError(error, sawText);
    } finally {
      clearTimeout(totalTimer);
      clearTimeout(idleTimer);
      request.signal?.removeEventListener('abort', onCallerAbort);
      // Cancels the HTTP request when the caller stops iterating early.
      if (!stopReason) controller.abort();
    }
  }
}

const anthropicCache = { anthropic: { cacheControl: { type: 'ephemeral' } } } as const;

/**
 * The request as AI SDK messages. The system prompt goes first as a system message so it can
 * carry provider options: for Anthropic, cache breakpoints on the static system prompt and on
 * the message that ends the stable prefix (`cache`), so a turn re-reads the intake and the
 * earlier conversation from the cache. OpenAI (and compatible servers that cache) match the
 * longest identical prefix by themselves; the builder's ordering is what makes it identical.
 */
export function toModelMessages(
  request: ChatRequest,
  backend: ModelBackend,
  withImages = false,
): ModelMessage[] {
  const cache = backend === 'anthropic';
  return [
    { role: 'system', content: request.system, ...(cache ? { providerOptions: anthropicCache } : {}) },
    ...request.messages.map((message): ModelMessage => {
      const providerOptions = cache && message.cache ? { providerOptions: anthropicCache } : {};
      // A vision model sees the screenshot itself, after the text (which names it and carries
      // what OCR read); a text-only model gets that text alone.
      if (withImages && message.role === 'user' && message.images?.length) {
        return {
          role: 'user',
          content: [
            { type: 'text', text: message.content },
            ...message.images.map((image) => ({
              type: 'image' as const,
              image: image.data,
              mediaType: image.mediaType,
            })),
          ],
          ...providerOptions,
        };
      }
      return { role: message.role, content: message.content, ...providerOptions };
    }),
  ];
}

function retriesAutomatically(error: ModelError): boolean {
  // Timeouts already spent their budget; bad responses will not improve by asking again.
  return error.kind === 'rate_limited' || (error.kind === 'unavailable' && error.retryable);
}

/** Maps whatever a provider threw onto the one error vocabulary. */
export function toModelError(error: unknown, partial: boolean): ModelError {
  if (error instanceof ModelError) return error;
  const cause = unwrapRetryError(error);
  if (APICallError.isInstance(cause)) {
    const status = cause.statusCode;
    const retryAfterMs = parseRetryAfter(cause.responseHeaders);
    const base = { status, retryAfterMs, partial, cause };
    if (status === 429)
      return new ModelError('rate_limited', 'The model provider is rate limiting requests', base);
    if (status === 408 || (status !== undefined && status >= 500))
      return new ModelError('unavailable', `The model provider answered ${status}`, base);
    if (status === 401 || status === 403)
      return new ModelError('unavailable', 'The model provider rejected the credentials', {
        ...base,
        retryable: false,
      });
    if (status === undefined)
      return new ModelError('unavailable', 'Could not reach the model provider', {
        ...base,
        retryable: cause.isRetryable,
      });
    // A 2xx "error" is the body failing after the headers: the connection dropped mid-stream.
    if (status < 300)
      return new ModelError('unavailable', 'The connection to the model provider was lost', base);
    return new ModelError('bad_response', `The model provider answered ${status}`, base);
  }
  if (isAbortError(cause)) return new ModelError('aborted', 'The request was cancelled', { partial, cause });
  if (isNetworkError(cause))
    return new ModelError('unavailable', 'The connection to the model provider was lost', { partial, cause });
  return new ModelError('bad_response', 'The model provider sent a response we could not read', {
    partial,
    cause,
  });
}

function unwrapRetryError(error: unknown): unknown {
  if (
    error &&
    typeof error === 'object' &&
    'lastError' in error &&
    (error as { name?: unknown }).name === 'AI_RetryError'
  ) {
    return (error as { lastError: unknown }).lastError;
  }
  return error;
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'ResponseAborted');
}

function isNetworkError(error: unknown): boolean {
  for (
    let current: unknown = error, depth = 0;
    current instanceof Error && depth < 5;
    current = current.cause, depth++
  ) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^(ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|UND_ERR_)/.test(code))
      return true;
    if (/terminated|socket|other side closed|network/i.test(current.message)) return true;
  }
  return false;
}

/** Retry-After is seconds or an HTTP date; `retry-after-ms` is the OpenAI extension. */
export function parseRetryAfter(
  headers: Record<string, string> | undefined,
  now = Date.now(),
): number | undefined {
  if (!headers) return undefined;
  const lower = Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]));
  const milliseconds = Number(lower['retry-after-ms']);
  if (lower['retry-after-ms'] !== undefined && Number.isFinite(milliseconds) && milliseconds >= 0)
    return milliseconds;
  const value = lower['retry-after'];
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (value.trim() !== '' && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new ModelError('aborted', 'The request was cancelled'));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new ModelError('aborted', 'The request was cancelled'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
