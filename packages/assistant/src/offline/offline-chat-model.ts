import { ModelError, type ChatChunk, type ChatModel, type ChatRequest } from '../chat-model.ts';
import { createOfflineEngine, type OfflineEngine } from './offline-engine.ts';

export interface OfflineChatModelOptions {
  model?: string;
  engine?: OfflineEngine;
  /** Characters per streamed chunk (default 24), so downstream streaming is exercised for real. */
  chunkSize?: number;
  /** Pause between chunks; 0 (default) only yields to the event loop. */
  chunkDelayMs?: number;
}

/** The offline engine behind the one model interface: backend `offline`, model `playbooks-v1`. */
export function createOfflineChatModel(options: OfflineChatModelOptions = {}): ChatModel {
  const engine = options.engine ?? createOfflineEngine();
  const chunkSize = Math.max(1, options.chunkSize ?? 24);
  const chunkDelayMs = options.chunkDelayMs ?? 0;
  return {
    backend: 'offline',
    model: options.model ?? 'playbooks-v1',
    async *stream(request: ChatRequest): AsyncIterable<ChatChunk> {
      throwIfAborted(request.signal);
      const text = engine.reply(request.messages);
      for (let offset = 0; offset < text.length; offset += chunkSize) {
        await pause(chunkDelayMs);
        throwIfAborted(request.signal);
        yield { type: 'text', text: text.slice(offset, offset + chunkSize) };
      }
      // No tokenizer offline: words are the honest unit.
      const inputTokens =
        countWords(request.system) +
        request.messages.reduce((sum, message) => sum + countWords(message.content), 0);
      yield { type: 'usage', inputTokens, outputTokens: countWords(text) };
    },
  };
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ModelError('aborted', 'The request was cancelled');
}

function pause(ms: number): Promise<void> {
  return ms > 0
    ? new Promise((resolve) => setTimeout(resolve, ms))
    : new Promise((resolve) => setImmediate(resolve));
}

function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
