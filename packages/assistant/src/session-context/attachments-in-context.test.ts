import { describe, expect, it } from 'vitest';
import { acceptsImages } from '../model-config.ts';
import { buildSessionContext, imageTokens, type ContextCounter } from './build-session-context.ts';
import type { SessionContextInput } from './session-context-input.ts';

const counter: ContextCounter = { count: (text) => Math.ceil(text.length / 4) };
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
const dialogText = 'Error code: 0x80070005 (Access is denied)';

function input(withImages: boolean): SessionContextInput {
  const screenshot = (name: string) => ({
    name,
    mediaType: 'image/png',
    extractedText: dialogText,
    ...(withImages ? { image: { data: png, mediaType: 'image/png', width: 640, height: 260 } } : {}),
  });
  return {
    title: 'Updates fail',
    stateVersion: 0,
    triage: {},
    intake: {
      type: 'free_text',
      text: 'Updates fail on her laptop',
      attachments: [screenshot('intake.png')],
    },
    facts: [],
    questions: [],
    checks: [],
    activeFix: null,
    earlierFixes: [],
    activity: [],
    confidence: { score: 0, tier: 'discovery' },
    templates: [],
    transcript: [
      { role: 'assistant', content: 'Which update?' },
      { role: 'user', content: 'This one', attachments: [screenshot('chat.png')] },
    ],
  };
}

describe('attachments in the model input (SPEC §7.2)', () => {
  it('puts each screenshot’s text under its message, and its image beside it when given', () => {
    const textOnly = buildSessionContext(input(false), { system: 'sys', budgetTokens: 50_000, counter });
    const vision = buildSessionContext(input(true), { system: 'sys', budgetTokens: 50_000, counter });
    for (const built of [textOnly, vision]) {
      expect(built.messages[0]!.content).toContain(`**Attachment:** intake.png (image/png)`);
      expect(built.messages[0]!.content).toContain(dialogText);
      expect(built.messages.at(-1)!.content).toContain('**Attachment:** chat.png (image/png)');
    }
    expect(textOnly.messages.some((message) => message.images)).toBe(false);
    expect(vision.messages[0]!.images).toEqual([{ name: 'intake.png', mediaType: 'image/png', data: png }]);
    expect(vision.messages.at(-1)!.images?.map((image) => image.name)).toEqual(['chat.png']);
    // Images cost tokens too, and the budget counts them.
    expect(vision.report.estimated_tokens - textOnly.report.estimated_tokens).toBe(2 * imageTokens(640, 260));
  });

  it('prices an image as providers bill it, whatever its size', () => {
    expect(imageTokens(640, 260)).toBe(222);
    expect(imageTokens(1440, 900)).toBe(1600);
    expect(imageTokens(8000, 8000)).toBe(1600);
    expect(imageTokens(null, null)).toBe(1600);
  });

  it('sends images to Anthropic, OpenAI vision models and, when told, an OpenAI-compatible server', () => {
    expect(acceptsImages({ provider: 'anthropic', model: undefined, vision: undefined })).toBe(true);
    expect(acceptsImages({ provider: 'openai', model: 'gpt-4.1-mini', vision: undefined })).toBe(true);
    expect(acceptsImages({ provider: 'openai', model: 'gpt-4o', vision: undefined })).toBe(true);
    expect(acceptsImages({ provider: 'openai', model: 'gpt-3.5-turbo', vision: undefined })).toBe(false);
    expect(acceptsImages({ provider: 'openai', model: 'o3-mini', vision: undefined })).toBe(false);
    expect(acceptsImages({ provider: 'openai-compatible', model: 'llava', vision: undefined })).toBe(false);
    expect(acceptsImages({ provider: 'openai-compatible', model: 'llava', vision: true })).toBe(true);
    expect(acceptsImages({ provider: 'anthropic', model: undefined, vision: false })).toBe(false);
  });
});
