import type { ChatModel, ChatRequest } from '@flowpilot/assistant/chat-model';

/**
 * A deterministic model double: replies with the given texts in turn, in small chunks.
 * Tests that need real assistant behaviour use the offline engine instead.
 */
export function scriptedModel(
  replies: string[] = ['Noted.'],
  chunkSize = 7,
): ChatModel & { requests: ChatRequest[] } {
  const requests: ChatRequest[] = [];
  let turn = 0;
  return {
    backend: 'offline',
    model: 'scripted-test-model',
    requests,
    async *stream(request) {
      requests.push(request);
      const text = replies[Math.min(turn++, replies.length - 1)] ?? '';
      for (let i = 0; i < text.length; i += chunkSize)
        yield { type: 'text', text: text.slice(i, i + chunkSize) };
      yield { type: 'usage', inputTokens: 10, outputTokens: Math.ceil(text.length / 4) };
    },
  };
}
