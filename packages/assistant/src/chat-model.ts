import type { Playbook } from '@flowpilot/core/playbook';
import type { SeenBeforeSession } from './offline/seen-before.ts';

/**
 * The one model interface. Every backend — the offline engine, Anthropic, OpenAI and any
 * OpenAI-compatible server — implements `ChatModel`, so everything downstream (marker
 * parsing, persistence, SSE) is a single code path.
 */

/** A screenshot sent to a model that takes images (SPEC §7.2), beside the text read from it. */
export interface ChatImage {
  name: string;
  mediaType: string;
  data: Uint8Array;
}

export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
  /**
   * Images that came with this message. Only models with `acceptsImages` are sent them; for the
   * others `content` already carries the text read from each image.
   */
  images?: ChatImage[] | undefined;
  /**
   * What the session-context builder made this message from: the intake, the state block, or a
   * conversation turn. The offline engine reads turns and the intake (and the structured
   * `session` of the request instead of the state text); SDK providers send all of them.
   */
  part?: 'intake' | 'state' | 'turn';
  /** The stable prefix ends here: providers with explicit prompt caching mark it (Anthropic). */
  cache?: boolean;
}

/** The session's state as data, for the offline engine (a real model reads the state block). */
export interface SessionSnapshot {
  ticketRef?: string | undefined;
  clientName?: string | undefined;
  assetName?: string | undefined;
  /** Engineer notes and other facts, oldest first. */
  notes: string[];
  /** Issue 17: the session was handed over from the escalation queue (the transcript's note). */
  handoff?: { note: string; sinceLastReply: boolean } | undefined;
  /** Issue 17: every fact (any kind), for a fresh assessment of what is known. */
  facts?: string[] | undefined;
  /** Issue 17: open questions and checks, for a fresh assessment of what is likely next. */
  open?: string[] | undefined;
  /** The account's most similar resolved sessions ("Seen before", SPEC §7.3), best first. */
  similar?: SeenBeforeSession[] | undefined;
  /** Every fix with its template and how it ended, oldest first. */
  fixes: {
    templateId: string | null;
    title?: string | undefined;
    outcome: 'proposed' | 'applied_success' | 'applied_failed' | 'applied_partial' | 'dismissed';
  }[];
}

/**
 * The playbooks the offline engine works from for one account: the built-ins and the account's
 * published ones. A new object for every change, so an engine compiled for it can be kept by
 * identity for as long as the set is current. SDK models ignore it.
 */
export interface PlaybookSet {
  readonly key: string;
  readonly playbooks: readonly Playbook[];
}

export interface ChatRequest {
  system: string;
  /** Oldest first. Assistant messages carry their raw text, markers included. */
  messages: ChatMessage[];
  /** The structured session behind `messages`, when they were built by the session-context builder. */
  session?: SessionSnapshot;
  /** The account's playbooks (offline engine); the bundled pack when absent. */
  playbooks?: PlaybookSet;
  signal?: AbortSignal;
  maxOutputTokens?: number;
}

export type ChatChunk =
  | { type: 'text'; text: string }
  | {
      type: 'usage';
      inputTokens: number;
      outputTokens: number;
      /** Prompt-cache tokens, when the provider reports them (Anthropic, OpenAI). */
      cacheReadTokens?: number | undefined;
      cacheWriteTokens?: number | undefined;
    };

export type ModelBackend = 'offline' | 'anthropic' | 'openai' | 'openai-compatible';

/**
 * Where the assistant leans and why (issue 13 item 7), for the task lane: the leading
 * candidate with the evidence for and against it, the runners-up, and "none of these".
 */
export interface Leaning {
  leader: { title: string; category: string; probability: number; for: string[]; against: string[] } | null;
  alternatives: { title: string; probability: number }[];
  /** Probability that no known playbook is the problem. */
  none: number;
}

export interface ChatModel {
  readonly backend: ModelBackend;
  /**
   * The belief behind the next reply, for engines that hold one (the offline engine). A
   * connected model has none to show: it is undefined there.
   */
  assess?(request: ChatRequest): Leaning;
  readonly model: string;
  /** Takes images as image parts (vision). Unset means no: the extracted text is what it reads. */
  readonly acceptsImages?: boolean;
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
