/**
 * The one model interface. Every backend — the offline engine, Anthropic, OpenAI and any
 * OpenAI-compatible server — implements `ChatModel`, so everything downstream (marker
 * parsing, persistence, SSE) is a single code path.
 */

export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  system: string;
  /** Oldest first. Assistant messages carry their raw text, markers included. */
  messages: ChatMessage[];
  signal?: AbortSignal;
  maxOutputTokens?: number;
}

export type ChatChunk =
  { type: 'text'; text: string } | { type: 'usage'; inputTokens: number; outputTokens: number };

export type ModelBackend = 'offline' | 'anthropic' | 'openai' | 'openai-compatible';

export interface ChatModel {
  readonly backend: ModelBackend;
  readonly model: string;
  /**
   * Streams the reply. Text chunks come first, then at most one usage chunk.
   * Any failure is thrown as a `ModelError`; once a text chunk has been yielded the
   * stream is never restarted, so text is never duplicated.
   */
  stream(request: ChatRequest): AsyncIterable<ChatChunk>;
}

export type ModelErrorKind = 'timeout' | 'rate_limited' | 'unavailable' | 'bad_response' | 'aborted';

export interface ModelErrorOptions {
  retryable?: boolean;
  /** HTTP status of the provider response, when there was one. */
  status?: number;
  /** Milliseconds the provider asked us to wait (Retry-After). */
  retryAfterMs?: number;
  /** True when some text had already been streamed before the failure. */
  partial?: boolean;
  cause?: unknown;
}

const defaultRetryable: Record<ModelErrorKind, boolean> = {
  timeout: true,
  rate_limited: true,
  unavailable: true,
  bad_response: false,
  aborted: false,
};

export class ModelError extends Error {
  readonly kind: ModelErrorKind;
  /** Whether asking again later may succeed (drives the UI's retry action). */
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly partial: boolean;

  constructor(kind: ModelErrorKind, message: string, options: ModelErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ModelError';
    this.kind = kind;
    this.retryable = options.retryable ?? defaultRetryable[kind];
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.partial = options.partial ?? false;
  }
}

export const isModelError = (value: unknown): value is ModelError => value instanceof ModelError;

/** Collects a whole reply; handy for non-streaming callers and tests. */
export async function collectReply(
  model: ChatModel,
  request: ChatRequest,
): Promise<{ text: string; inputTokens: number; outputTokens: number }> {
  let text = '';
  let inputTokens = 0;
  let outputTokens = 0;
  for await (const chunk of model.stream(request)) {
    if (chunk.type === 'text') text += chunk.text;
    else {
      inputTokens = chunk.inputTokens;
      outputTokens = chunk.outputTokens;
    }
  }
  return { text, inputTokens, outputTokens };
}
