import type { FastifyBaseLogger } from 'fastify';
import type { ChatChunk } from '@flowpilot/assistant/chat-model';
import { describeModelError } from '@flowpilot/assistant/describe-model-error';
import { isModelError } from '@flowpilot/assistant/chat-model';
import type { MessageError } from '@flowpilot/db/schema-sessions';

const PERSIST_EVERY_MS = 400;

/**
 * The text of one reply as a model streams it, shared by the pilot chat and the Script
 * Builder. The raw text is persisted as it grows (every 400 ms, one write at a time) so a
 * reader elsewhere, or after a crash, sees progress; `raw` and `usage` stay readable after a
 * failure, for the failed row.
 */
export class StreamingReplyText {
  raw = '';
  usage = { inputTokens: 0, outputTokens: 0 };
  /** Prompt-cache tokens, null when the provider reported none. */
  cacheTokens: { read: number | null; write: number | null } = { read: null, write: null };
  #persisting: Promise<unknown> = Promise.resolve();
  #lastPersist = Date.now();

  constructor(
    private readonly persist: (content: string) => Promise<unknown>,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Reads the stream to its end, handing each piece of text on; throws what the model threw. */
  async consume(stream: AsyncIterable<ChatChunk>, onText: (text: string) => void, signal: AbortSignal) {
    for await (const chunk of stream) {
      if (chunk.type === 'usage') {
        this.usage = { inputTokens: chunk.inputTokens, outputTokens: chunk.outputTokens };
        this.cacheTokens = { read: chunk.cacheReadTokens ?? null, write: chunk.cacheWriteTokens ?? null };
        continue;
      }
      // PostgreSQL text cannot hold NUL; one stray byte from a model must not wedge the reply in "streaming".
      const text = chunk.text.replaceAll('\u0000', '');
      this.raw += text;
      onText(text);
      if (Date.now() - this.#lastPersist >= PERSIST_EVERY_MS) {
        this.#lastPersist = Date.now();
        const content = this.raw;
        this.#persisting = this.#persisting
          .then(() => this.persist(content))
          .catch((error) => this.log.warn({ err: error }, 'could not persist streaming progress'));
      }
    }
    if (signal.aborted) throw signal.reason ?? new Error('aborted');
    await this.settled();
  }

  /** Waits for the progress write in flight, so the final write lands after it. */
  settled() {
    return this.#persisting;
  }
}

/**
 * What the engineer reads about a failed reply, and what the log gets. An abort that is
 * not the model's (the server shutting down) is an interruption; the rest is described by
 * describeModelError with what was kept.
 */
export function describeReplyFailure(
  error: unknown,
  signal: AbortSignal,
  words: { kept: string; interrupted: string },
  log: FastifyBaseLogger,
  messageId: string,
): MessageError {
  if (isModelError(error))
    log.warn({ kind: error.kind, status: error.status, message_id: messageId }, 'model call failed');
  else log.error({ err: error, message_id: messageId }, 'assistant reply failed');
  if (signal.aborted && !isModelError(error))
    return { code: 'interrupted', detail: words.interrupted, retryable: true };
  return describeModelError(error, words.kept);
}
