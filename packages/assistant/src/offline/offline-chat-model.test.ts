import { describe, expect, it } from 'vitest';
import { collectReply, ModelError, type ChatChunk } from '../chat-model.ts';
import { createOfflineChatModel } from './offline-chat-model.ts';

const request = {
  system: 'pilot prompt',
  messages: [{ role: 'user' as const, content: 'Print jobs stuck in the queue' }],
};

describe('offline chat model', () => {
  it('streams the engine reply in small chunks and ends with word-count usage', async () => {
    const model = createOfflineChatModel();
    expect({ backend: model.backend, model: model.model }).toEqual({
      backend: 'offline',
      model: 'playbooks-v1',
    });
    const chunks: ChatChunk[] = [];
    for await (const chunk of model.stream(request)) chunks.push(chunk);
    const text = chunks.flatMap((chunk) => (chunk.type === 'text' ? [chunk.text] : [])).join('');
    expect(chunks.filter((chunk) => chunk.type === 'text').length).toBeGreaterThan(10);
    expect(text).toContain('[CONFIDENCE]');
    expect(chunks.at(-1)).toEqual({
      type: 'usage',
      inputTokens: 8,
      outputTokens: text.split(/\s+/).filter(Boolean).length,
    });
    expect((await collectReply(model, request)).text).toBe(text);
  });

  it('stops with an aborted ModelError when the caller cancels', async () => {
    const controller = new AbortController();
    const model = createOfflineChatModel({ chunkSize: 4 });
    let received = 0;
    const run = async () => {
      for await (const chunk of model.stream({ ...request, signal: controller.signal })) {
        if (chunk.type === 'text' && ++received === 3) controller.abort();
      }
    };
    await expect(run()).rejects.toBeInstanceOf(ModelError);
    expect(received).toBe(3);
  });
});
